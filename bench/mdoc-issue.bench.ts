// Issuance + self-check rate on one core: node --import tsx bench/mdoc-issue.bench.ts [count]
import { systemRandom } from '../electron/engine/core/util/secrets';
import { issueMdoc } from '../electron/engine/core/mdoc/issue-mdoc';
import { MDL_DOCTYPE, newDeviceKey, sampleMdl, temporaryIssuerKeys } from '../test/support/engine-mdoc-fixtures';
import { verifyIssuedMdoc } from '../electron/engine/core/mdoc/verify-issued-mdoc';

const count = Number(process.argv[2] ?? 5000);
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const { keys, cleanup } = await temporaryIssuerKeys(now);
try {
  const deviceKeys = await Promise.all(Array.from({ length: 16 }, newDeviceKey));
  const expectations = (i: number) => ({
    docType: MDL_DOCTYPE,
    deviceKey: deviceKeys[i % 16]!,
    iacaCertificateDer: keys.iaca.certificateDer,
    now,
  });
  const run = async (n: number, verify: boolean) => {
    let bytes = 0;
    const started = performance.now();
    for (let i = 0; i < n; i += 1) {
      const issued = await issueMdoc(sampleMdl(deviceKeys[i % 16]!, now), keys.documentSigner, systemRandom);
      if (verify) await verifyIssuedMdoc(issued, expectations(i));
      bytes += issued.length;
    }
    return { perSecond: Math.round((n / (performance.now() - started)) * 1000), averageBytes: Math.round(bytes / n) };
  };

  await run(500, true); // warm-up
  const issueOnly = await run(count, false);
  const issueAndVerify = await run(count, true);
  console.log(`mDL with 12 elements (~${issueOnly.averageBytes} bytes), ${count} each, node ${process.version}`);
  console.log(`  issueMdoc:                    ${issueOnly.perSecond}/s`);
  console.log(`  issueMdoc + verifyIssuedMdoc: ${issueAndVerify.perSecond}/s`);
} finally {
  await cleanup();
}
