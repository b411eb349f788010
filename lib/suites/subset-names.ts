/**
 * How a subset (CMMLU subject, department, NER entity type) is named for a reader. CMMLU subjects carry their
 * Chinese names in `config.subjectLabels`; NER suites name each type in `config.entityTypes` (`label` in the
 * prompt's language, Chinese for the bundled data, and `en`). A subset without a name shows its code.
 */
export interface SubsetNames {
  en: Record<string, string>;
  zh: Record<string, string>;
}

interface EntityTypeName {
  id?: unknown;
  label?: unknown;
  en?: unknown;
}

export function subsetNames(config: Record<string, unknown> | null | undefined): SubsetNames {
  const names: SubsetNames = { en: {}, zh: {} };
  const subjects = config?.subjectLabels;
  if (subjects && typeof subjects === "object") {
    for (const [code, zh] of Object.entries(subjects as Record<string, unknown>)) {
      if (typeof zh === "string" && zh) names.zh[code] = zh;
    }
  }
  const types = config?.entityTypes;
  if (Array.isArray(types)) {
    for (const type of types as EntityTypeName[]) {
      if (typeof type?.id !== "string") continue;
      if (typeof type.label === "string" && type.label) names.zh[type.id] = type.label;
      if (typeof type.en === "string" && type.en) names.en[type.id] = type.en;
    }
  }
  return names;
}

/** The subset's name in the reader's language, else its code. */
export function subsetName(names: SubsetNames | undefined, subset: string, locale: string): string {
  return (locale.startsWith("zh") ? names?.zh[subset] : names?.en[subset]) ?? subset;
}
