/** "Product-qualified lead!" → "product_qualified_lead" (a valid model key). */
export function keyFromName(name: string): string {
  const key = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 48);
  return /^[a-z]/.test(key) ? key : key ? `m_${key}`.slice(0, 48) : "";
}
