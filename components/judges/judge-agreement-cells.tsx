import type { RunJudgesData } from "@/lib/api/judges";
import { formatAlpha, formatShare } from "./format";

type Agreement = RunJudgesData["judges"][number]["agreement"]["pairwise"];

/** Alpha with interval, agreement rate and shared units: how far a judge agrees with clinicians. */
export function AgreementCells({ agreement }: { agreement: Agreement }) {
  return (
    <>
      <td className="num">{agreement ? formatAlpha(agreement.alpha.alpha, agreement.alpha.interval) : "—"}</td>
      <td className="num">{agreement ? formatShare(agreement.agreementRate) : "—"}</td>
      <td className="num">{agreement?.units ?? 0}</td>
    </>
  );
}
