// The authenticator app of the browser suite: RFC 6238 codes (HMAC-SHA1, six digits, 30 s) from the
// secret an enrolment page shows, and for each account the steps already used, since the server
// accepts each step once and only one step either side of its own.

import { createHmac } from 'node:crypto';

const STEP = 30;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The bytes of a base32 secret as the enrolment page shows it (groups of four, no padding). */
export function base32Bytes(text) {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = '';
  for (const ch of clean) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new Error(`not base32: ${ch}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code for time step `step` of `secret`. */
export function codeAt(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const at = mac[19] & 0x0f;
  const value = ((mac[at] & 0x7f) << 24) | (mac[at + 1] << 16) | (mac[at + 2] << 8) | mac[at + 3];
  return String(value % 1_000_000).padStart(6, '0');
}

const nowStep = () => Math.floor(Date.now() / 1000 / STEP);

/** One phone's accounts: secrets by login, and the last step each has used. */
export class Authenticator {
  constructor() {
    this.accounts = new Map();
  }

  has(login) {
    return this.accounts.has(login);
  }

  /** Remembers `login`'s secret (base32, as shown) and returns the code to confirm the enrolment. */
  add(login, shown) {
    const account = { secret: base32Bytes(shown), last: -1 };
    this.accounts.set(login, account);
    return this.next(login);
  }

  /** Forgets `login` (its second factor was reset). */
  forget(login) {
    this.accounts.delete(login);
  }

  /** The next code the server will accept for `login`, waiting for the next step when needed. */
  async next(login) {
    const account = this.accounts.get(login);
    if (!account) throw new Error(`no secret for ${login}`);
    for (;;) {
      const now = nowStep();
      const step = [now - 1, now, now + 1].find((s) => s > account.last);
      if (step !== undefined) {
        account.last = step;
        return codeAt(account.secret, step);
      }
      await new Promise((done) => setTimeout(done, (STEP - ((Date.now() / 1000) % STEP) + 1) * 1000));
    }
  }
}
