/**
 * UI message templates shared by the extension and the viewer page: `{name}` placeholders, filled
 * by name so a translation may put them in any order, and the check every translation must pass.
 */
export type TemplateParams = Record<string, string | number>;

export function fill(template: string, params: TemplateParams): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function placeholders(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(/\{(\w+)\}/g), (m) => m[1] as string))].sort();
}

/**
 * What is wrong with `translation` against the reference language, one sentence per problem: a
 * missing, extra or empty key, or placeholders that differ. Empty when it is complete.
 */
export function translationProblems(
  reference: Readonly<Record<string, string>>,
  translation: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  for (const [key, template] of Object.entries(reference)) {
    const translated = translation[key];
    if (translated === undefined) problems.push(`${key} is missing`);
    else if (translated.trim() === "") problems.push(`${key} is empty`);
    else if (placeholders(translated).join() !== placeholders(template).join())
      problems.push(
        `${key} has placeholders {${placeholders(translated).join("}, {")}} instead of {${placeholders(template).join("}, {")}}`,
      );
  }
  for (const key of Object.keys(translation))
    if (!(key in reference)) problems.push(`${key} is not in the reference language`);
  return problems;
}
