/** A person as the lists name them: the name when the account has one, otherwise the e-mail address. */
export function personName(person: { name: string | null; email: string }): string {
  const name = person.name?.trim();
  return name ? name : person.email;
}

/** The same address, whatever the case: e-mail addresses are compared as the server stores them (lower case). */
export const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
