/**
 * Every key of a messages file as a dotted path (`workbench.conflict`), for the tests that check the zh-CN and en
 * files have the same keys and that every key a screen asks for exists.
 */
export function messageKeys(messages: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>))
        walk(child, prefix ? `${prefix}.${key}` : key);
    } else keys.add(prefix);
  };
  walk(messages, '');
  return keys;
}

/** Keys one locale has and the other lacks, both ways (two empty lists when the files match). */
export function keyDifferences(zh: unknown, en: unknown): { onlyInZh: string[]; onlyInEn: string[] } {
  const [zhKeys, enKeys] = [messageKeys(zh), messageKeys(en)];
  return { onlyInZh: [...zhKeys].filter((k) => !enKeys.has(k)), onlyInEn: [...enKeys].filter((k) => !zhKeys.has(k)) };
}
