import type { Catalog } from '../catalog';
import type { enWallets } from './en-wallets';

// Einstellungen → Wallets (DESIGN §12) auf Deutsch, in de.ts eingefügt.
export const deWallets: Catalog<typeof enWallets> = {
  wallets: {
    title: 'Wallets',
    intro:
      'Was ein Wallet nachweisen muss, bevor es einen Nachweis erhält, und wie viele Exemplare es auf einmal anfordern darf. Wallets mit älteren Protokollentwürfen funktionieren weiter, solange diese ausgeschaltet sind.',
    requireDpop: 'DPoP verlangen: Zugriffstoken an den Schlüssel des Wallets gebunden (RFC 9449); Bearer-Token abgelehnt',
    requireDpopNonce: 'In jedem DPoP-Nachweis eine Server-Nonce verlangen',
    requireWalletAttestation: 'Eine Wallet-Attestierung eines vertrauenswürdigen Wallet-Anbieters verlangen',
    requirePushedAuthorizationRequests: 'Pushed Authorization Requests (PAR) verlangen, wenn Wallets am Schalter anfragen',
    batchSize: 'Exemplare pro Anfrage (Batch-Größe)',
    batchSizeHint: '1 schaltet die Batch-Ausgabe aus; höchstens {{max}}.',
    save: 'Wallet-Einstellungen speichern',
    saved: 'Die Wallet-Einstellungen sind gespeichert.',
    providers: 'Vertrauenswürdige Wallet-Anbieter',
    providersNote:
      'Wallet- und Schlüsselattestierungen gelten nur, wenn einer dieser Anbieter sie signiert hat: sein CA-Zertifikat (die Attestierung führt darauf zurück) oder sein öffentlicher Schlüssel als JWK.',
    none: 'Noch kein Wallet-Anbieter ist vertrauenswürdig: Attestierungen werden ignoriert, außer sie sind verlangt.',
    name: 'Name',
    anchor: 'Vertrauensanker',
    fingerprint: 'Fingerabdruck',
    actions: 'Aktionen',
    certificate: 'Zertifikat: {{subject}}',
    jwk: 'Öffentlicher Schlüssel (JWK)',
    anchorInput: 'CA-Zertifikat (PEM) oder öffentlicher JWK',
    anchorHint: 'Fügen Sie -----BEGIN CERTIFICATE----- … oder ein JSON-Objekt mit "kty" ein.',
    add: 'Wallet-Anbieter hinzufügen',
    added: '{{name}} ist jetzt vertrauenswürdig.',
    needName: 'Geben Sie dem Wallet-Anbieter einen Namen.',
    badAnchor: 'Fügen Sie ein PEM-Zertifikat oder einen JSON Web Key ein.',
    remove: 'Entfernen',
    removeQuestion: '{{name}} nicht mehr vertrauen? Attestierungen seiner Wallets werden ab jetzt ignoriert.',
    removeYes: 'Ja, entfernen',
    removeNo: 'Nein, behalten',
    removed: '{{name}} ist nicht mehr vertrauenswürdig.',
  },
};
