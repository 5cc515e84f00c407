import { spokenCode } from '../view/authorization-requests';

/** The holder's short code in large digits, read out digit by digit. */
export function ShortCode({ code, size = 'large' }: { code: string; size?: 'large' | 'huge' }) {
  return (
    <span className={`short-code short-code-${size}`} data-short-code={code}>
      <span className="visually-hidden">Code {spokenCode(code)}</span>
      {code.split('').map((digit, i) => (
        <span key={i} className="short-code-digit" aria-hidden="true">
          {digit}
        </span>
      ))}
    </span>
  );
}
