"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { findTask } from "@/lib/tasks/index";
import { DEFAULT_CONTEXT_CHARS, DEFAULT_STRIDE_CHARS } from "@/lib/tasks/perplexity";
import {
  answerModes,
  instructions,
  labelStyles,
  type NewRunState,
  orders,
  templates,
  tokenizers,
} from "./new-run-state";

type Props = { state: NewRunState; set: (patch: Partial<NewRunState>) => void; taskKind: string | undefined };

/** The settings that apply to the chosen suite's task kind. */
export function RunSettingsFields({ state, set, taskKind }: Props) {
  const t = useTranslations("runs.form");
  const number = (
    key: "limit" | "sampleSeed" | "shots" | "samples" | "temperature" | "topP" | "maxTokens" | "seed" | "contextChars" | "strideChars",
    attrs: Record<string, number | string>,
  ) => (
    <input
      type="number"
      inputMode="decimal"
      {...attrs}
      value={state[key]}
      onChange={(e) => set({ [key]: e.target.value })}
    />
  );
  function choice<K extends "template" | "answerMode" | "tokenizer" | "instruction" | "order" | "labels">(
    key: K,
    options: readonly NewRunState[K][],
  ) {
    return (
      <Field label={t(key as "template")}>
        <select value={state[key]} onChange={(e) => set({ [key]: e.target.value } as Partial<NewRunState>)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`${key}Option.${o}` as "templateOption.paper")}
            </option>
          ))}
        </select>
      </Field>
    );
  }
  const task = taskKind ? findTask(taskKind) : undefined;
  const options = task?.options;
  return (
    <>
      <div className="form-row">
        <Field label={t("limit")} hint={t("limitHint")}>
          {number("limit", { min: 1, step: 1 })}
        </Field>
        {state.limit.trim() !== "" && (
          <Field label={t("sampleSeed")} hint={t("sampleSeedHint")}>
            {number("sampleSeed", { min: 0, step: 1, placeholder: state.seed || "1234" })}
          </Field>
        )}
        {options?.shots && <Field label={t("shots")}>{number("shots", { min: 0, max: 5, step: 1, placeholder: "0" })}</Field>}
        <Field label={t("samples")}>{number("samples", { min: 1, max: 100, step: 1, placeholder: String(task?.defaults.samples ?? 1) })}</Field>
        <Field label={t("temperature")} hint={t("temperatureHint")}>
          {number("temperature", { min: 0, max: 2, step: 0.1 })}
        </Field>
        <Field label={t("topP")}>{number("topP", { min: 0.01, max: 1, step: 0.05 })}</Field>
        <Field label={t("maxTokens")}>
          {number("maxTokens", { min: 1, max: 8192, step: 1, placeholder: String(task?.defaults.maxTokens ?? 512) })}
        </Field>
        <Field label={t("seed")}>{number("seed", { min: 0, step: 1, placeholder: "1234" })}</Field>
      </div>
      {options?.windows && (
        <div className="form-row">
          <Field label={t("contextChars")} hint={t("contextCharsHint")}>
            {number("contextChars", { min: 16, step: 1, placeholder: String(DEFAULT_CONTEXT_CHARS) })}
          </Field>
          <Field label={t("strideChars")} hint={t("strideCharsHint")}>
            {number("strideChars", { min: 1, step: 1, placeholder: String(DEFAULT_STRIDE_CHARS) })}
          </Field>
        </div>
      )}
      <Field label={t("systemPrompt")} hint={t("systemPromptHint")}>
        <textarea rows={2} maxLength={4000} value={state.systemPrompt} onChange={(e) => set({ systemPrompt: e.target.value })} />
      </Field>
      <div className="form-row">
        {options?.template && choice("template", templates)}
        {options?.answerMode && choice("answerMode", answerModes)}
        {options?.tokenizer && choice("tokenizer", tokenizers)}
        {options?.scaleVariants && choice("instruction", instructions)}
        {options?.scaleVariants && choice("order", orders)}
        {options?.scaleVariants && choice("labels", labelStyles)}
      </div>
    </>
  );
}
