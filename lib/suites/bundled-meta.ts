import type { SuiteDefinition } from "./types";

export const BUNDLED_SUITE_IDS = [
  "cmmlu-medical",
  "cmedqa-ner",
  "cehr-ner",
  "cmb-clin",
  "huatuo26m-test",
  "cmtmedqa",
  "cmd-reward-sample",
  "medical-text-ppl",
  "cami",
  "mica4",
] as const;
export type BundledSuiteId = (typeof BUNDLED_SUITE_IDS)[number];

type Meta = Pick<SuiteDefinition, "name" | "licence" | "source" | "citation" | "description"> & { dir: string };

const CHINESEBLUE = "https://github.com/alibaba-research/ChineseBLUE/tree/52eefc9d5cb1839348546c8a473c633d4d9d60a8";
const ZHONGJING = "https://github.com/SupritYoung/Zhongjing/tree/a105934245c265b84f77dbb070b568e2a79688b4";
const CHINESEBLUE_CITATION =
  "Zhang N, Jia Q, Yin K, Dong L, Gao F, Hua N (2020). Conceptualized Representation Learning for Chinese Biomedical Text Mining. WSDM 2020 Health Day. arXiv:2008.10813";
const ZHONGJING_CITATION =
  "Yang S, et al. (2024). Zhongjing: Enhancing the Chinese Medical Capabilities of Large Language Model through Expert Feedback and Real-world Multi-turn Dialogue. AAAI 2024. arXiv:2308.03549";
const SCALES = "https://github.com/IDEA-CCNL/Fengshenbang-LM/tree/dev_bio (chimedgpt_inference_medical.ipynb, commit be59e1e)";

/** Metadata not stored in the data files themselves; sources and commits as given in each SOURCE.md. */
export const bundledMeta: Record<Exclude<BundledSuiteId, "cami" | "mica4">, Meta> & Record<"cami" | "mica4", Pick<Meta, "source" | "dir">> = {
  "cmmlu-medical": {
    dir: "cmmlu-medical",
    name: { en: "CMMLU medical and psychology subjects", zh: "CMMLU 医学与心理学科目" },
    licence: "CC BY-NC-SA 4.0",
    source: "https://github.com/haonan-li/CMMLU/tree/d6e7b716d8ac694f38969a6c0407437d1fded799",
    citation:
      "Li H, Zhang Y, Koto F, Yang Y, Zhao H, Gong Y, Duan N, Baldwin T (2024). CMMLU: Measuring massive multitask language understanding in Chinese. Findings of ACL 2024. arXiv:2306.09212",
    description: {
      en: "Four-option multiple-choice questions from 10 CMMLU medical and psychology subjects; 5 dev items per subject for few-shot prompts.",
      zh: "CMMLU 中 10 个医学与心理学科目的四选一单选题；每科 5 道开发集题目用作少样本示例。",
    },
  },
  "cmedqa-ner": {
    dir: "cmedqa-ner",
    name: { en: "cMedQANER (consumer health Q&A NER)", zh: "cMedQANER 医疗问答命名实体识别" },
    licence: "Apache-2.0",
    source: CHINESEBLUE,
    citation: CHINESEBLUE_CITATION,
    description: { en: "Named-entity recognition on consumer health questions, 11 entity types.", zh: "医疗问答文本的命名实体识别，11 类实体。" },
  },
  "cehr-ner": {
    dir: "cehr-ner",
    name: { en: "cEHRNER (clinical record NER)", zh: "cEHRNER 电子病历命名实体识别" },
    licence: "Apache-2.0",
    source: CHINESEBLUE,
    citation: CHINESEBLUE_CITATION,
    description: { en: "Named-entity recognition on long Chinese electronic health records, 7 entity types.", zh: "中文电子病历长文本的命名实体识别，7 类实体。" },
  },
  "cmb-clin": {
    dir: "cmb-clin",
    name: { en: "CMB-Clin case questions", zh: "CMB-Clin 临床病例问答" },
    licence: "Apache-2.0",
    source: "https://github.com/FreedomIntelligence/CMB/tree/b8d1005cc1c67b4fb9d96c2bcf43d741cfd45470",
    citation: "Wang X, et al. (2024). CMB: A Comprehensive Medical Benchmark in Chinese. NAACL 2024. arXiv:2308.08833",
    description: {
      en: "Open-ended questions about 74 clinical cases; the case text is given as context. Questions of a case are sequential.",
      zh: "74 个临床病例的开放式问答，病例文本作为上下文；同一病例的问题依次提出。",
    },
  },
  "huatuo26m-test": {
    dir: "huatuo26m-test",
    name: { en: "Huatuo-26M test set", zh: "Huatuo-26M 测试集" },
    licence: "Apache-2.0",
    source: ZHONGJING,
    citation: "Li J, Wang X, Wu X, et al. (2023). Huatuo-26M, a Large-scale Chinese Medical QA Dataset. arXiv:2305.01526",
    description: { en: "Consumer medical questions with one web reference answer each.", zh: "大众医疗咨询问题，每题一个网络参考答案。" },
  },
  "cmd-reward-sample": {
    dir: "medical-reward",
    name: { en: "Chinese medical preference pairs (reward sample)", zh: "中文医疗偏好对（奖励模型样本）" },
    licence: "Apache-2.0",
    source: "https://github.com/shibing624/MedicalGPT/blob/5fec167692dfbc492e95a0d4ea04c168940563a8/data/reward/test.json",
    description: {
      en: "100 questions, each with a preferred and a rejected answer. The longer answer is the preferred one in 62 of 100: the floor a reward model must beat.",
      zh: "100 个问题，每题一个偏好回答和一个被拒回答。较长回答为偏好回答的有 62 对：奖励模型必须超过的下限。",
    },
  },
  "medical-text-ppl": {
    dir: "medical-text-ppl",
    name: { en: "Held-out Chinese medical text (perplexity)", zh: "中文医学留出文本（困惑度）" },
    licence: "Apache-2.0",
    source:
      "https://github.com/FreedomIntelligence/CMB/tree/b8d1005cc1c67b4fb9d96c2bcf43d741cfd45470 (CMB-Clin) and " +
      "https://github.com/SupritYoung/Zhongjing/tree/a105934245c265b84f77dbb070b568e2a79688b4 (Huatuo-26M test), by scripts/build-medical-text-ppl.ts",
    description: {
      en: "200 documents: the 74 CMB-Clin case records and 126 Huatuo-26M test answers of at least 200 characters. Scored in bits per character (lower is better).",
      zh: "200 篇文档：CMB-Clin 的 74 份病例记录与 Huatuo-26M 测试集中 126 条不少于 200 字的回答。以每字符比特数评分（越低越好）。",
    },
  },
  cmtmedqa: {
    dir: "cmtmedqa-test",
    name: { en: "CMtMedQA test set (multi-turn dialogue)", zh: "CMtMedQA 测试集（多轮医患对话）" },
    licence: "Apache-2.0",
    source: ZHONGJING,
    citation: ZHONGJING_CITATION,
    description: {
      en: "1,000 doctor–patient consultations (write the next doctor turn) and 144 single-turn safety probes.",
      zh: "1,000 段医患多轮对话（生成下一句医生回复）及 144 条单轮安全性测试问题。",
    },
  },
  cami: { dir: "scales", source: SCALES },
  mica4: { dir: "scales", source: SCALES },
};

export const cmmluSubjectLabels: Record<string, string> = {
  anatomy: "解剖学",
  clinical_knowledge: "临床知识",
  college_medical_statistics: "大学医学统计",
  college_medicine: "大学医学",
  genetics: "遗传学",
  nutrition: "营养学",
  professional_medicine: "专业医学",
  professional_psychology: "专业心理学",
  traditional_chinese_medicine: "中医中药",
  virology: "病毒学",
};

export const cmedqaEntityTypes = [
  { id: "disease", label: "疾病", en: "disease" },
  { id: "body", label: "身体部位", en: "body part" },
  { id: "symptom", label: "症状", en: "symptom" },
  { id: "treatment", label: "治疗", en: "treatment" },
  { id: "crowd", label: "人群", en: "population group" },
  { id: "drug", label: "药物", en: "drug" },
  { id: "test", label: "检查", en: "test" },
  { id: "physiology", label: "生理", en: "physiology" },
  { id: "time", label: "时间", en: "time" },
  { id: "feature", label: "特征", en: "feature" },
  { id: "department", label: "科室", en: "department" },
];

export const cehrEntityTypes = [
  { id: "解剖部位", label: "解剖部位", en: "anatomical site" },
  { id: "疾病和诊断", label: "疾病和诊断", en: "disease and diagnosis" },
  { id: "症状", label: "症状", en: "symptom" },
  { id: "药物", label: "药物", en: "drug" },
  { id: "手术", label: "手术", en: "surgery" },
  { id: "实验室检验", label: "实验室检验", en: "laboratory test" },
  { id: "影像检查", label: "影像检查", en: "imaging examination" },
];
