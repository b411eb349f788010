/** CMeEE (CBLUE) entity type codes and the names the prompt uses, as the CBLUE paper names them. */
export const CMEEE_TYPE_LABELS: Record<string, string> = {
  dis: "疾病",
  sym: "症状",
  pro: "医疗程序",
  equ: "医疗设备",
  dru: "药物",
  ite: "医学检验项目",
  bod: "身体",
  dep: "科室",
  mic: "微生物类",
};

export const CMEEE_TYPE_EN: Record<string, string> = {
  dis: "disease",
  sym: "symptom",
  pro: "medical procedure",
  equ: "medical equipment",
  dru: "drug",
  ite: "medical test item",
  bod: "body",
  dep: "department",
  mic: "microorganism",
};
