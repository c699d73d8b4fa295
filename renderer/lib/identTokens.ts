/**
 * Splits an identifier list after its separators (GOPROXY's ',' and '|', the spaces of a sentence), so
 * that a line breaks between entries and never inside a URL, a module path or a file name.
 */
export function identTokens(value: string): string[] {
  return value.match(/[^,|\s]+[,|\s]*|[,|\s]+/g) ?? [value];
}
