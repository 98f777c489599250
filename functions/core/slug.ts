/**
 * Turns a display name into the slug used in URLs and filters: "Sergey Lavrov" → "sergey-lavrov".
 * Accents are folded so "Staffan de Mistura" and "Staffan de Mistúra" share one slug.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
