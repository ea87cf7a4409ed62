/** The page's elements, looked up once; a missing one is a build mistake, so fail loudly. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`viewer page: #${id} is missing`);
  return element as T;
}
