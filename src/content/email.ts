/** E-mail addresses as feeds carry them (RSS `author`, Atom `email`). */

/**
 * The HTML standard's "valid e-mail address" (the `input type=email` rule): what a browser, and so
 * any reader, accepts; comments, quoted local parts and IP literals are left out on purpose.
 */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}
