import { describe, expect, it } from "vitest";
import { detectLogFormat, parseTrainingLog, TrainingLogError } from "./training-log";

function refusal(text: string, format?: Parameters<typeof parseTrainingLog>[1]): TrainingLogError {
  try {
    parseTrainingLog(text, format);
  } catch (error) {
    if (error instanceof TrainingLogError) return error;
    throw error;
  }
  throw new Error("parsed a file it should refuse");
}

describe("training log import", () => {
  it("reads trainer_state.json log_history, merging a step's training and evaluation entries", () => {
    const state = {
      global_step: 20,
      log_history: [
        { epoch: 0.5, learning_rate: 2e-5, loss: 1.25, step: 10 },
        { epoch: 0.5, eval_loss: 1.5, eval_runtime: 3.2, step: 10 },
        { epoch: 1, learning_rate: 1e-5, loss: 0.75, step: 20 },
        { train_runtime: 100, total_flos: null, step: 20 },
      ],
    };
    const log = parseTrainingLog(JSON.stringify(state));
    expect(log.format).toBe("trainer_state");
    expect(log.points).toEqual([
      { step: 10, values: { epoch: 0.5, learning_rate: 2e-5, loss: 1.25, eval_loss: 1.5, eval_runtime: 3.2 } },
      { step: 20, values: { epoch: 1, learning_rate: 1e-5, loss: 0.75, train_runtime: 100 } },
    ]);
    expect(log.metrics).toEqual(["epoch", "learning_rate", "loss", "eval_loss", "eval_runtime", "train_runtime"]);
  });

  it("reads CSV with a header, quoted fields, blank cells and CRLF, sorted by step", () => {
    const log = parseTrainingLog('step,loss,"eval loss"\r\n200,0.5,\r\n100,1.0,1.25\r\n\r\n');
    expect(log.format).toBe("csv");
    expect(log.points).toEqual([
      { step: 100, values: { loss: 1, "eval loss": 1.25 } },
      { step: 200, values: { loss: 0.5 } },
    ]);
  });

  it("reads JSON lines", () => {
    const log = parseTrainingLog('{"step": 1, "loss": 2.5}\n{"step": 2, "loss": 2.0, "reward_accuracy": 0.6}\n');
    expect(log.format).toBe("jsonl");
    expect(log.points.map((p) => p.values)).toEqual([{ loss: 2.5 }, { loss: 2, reward_accuracy: 0.6 }]);
  });

  it("tells the formats apart", () => {
    expect(detectLogFormat('{\n  "log_history": []\n}')).toBe("trainer_state");
    expect(detectLogFormat('{"log_history": [], "global_step": 3}')).toBe("trainer_state");
    expect(detectLogFormat('{"step": 1, "loss": 1}\n')).toBe("jsonl");
    expect(detectLogFormat("step,loss\n1,2\n")).toBe("csv");
  });

  it("refuses a bad file whole, naming the line or entry and the field", () => {
    expect(refusal("step,loss\n1,0.5\n2,abc\n").message).toBe('line 3, field "loss": "abc" is not a number');
    expect(refusal("step,loss\n1,0.5\n2\n").message).toBe("line 3: 1 fields where the header has 2");
    expect(refusal("epoch,loss\n1,0.5\n").where).toEqual({ line: 1, field: "step" });
    expect(refusal('{"step": 1, "loss": 1}\n{"step": -1, "loss": 1}\n').message).toBe('line 2, field "step": not a whole number of 0 or more');
    expect(refusal('{"step": 1, "loss": 1}\n{"loss": 1}\n').message).toBe('line 2, field "step": missing');
    expect(refusal('{"step": 1, "loss": 1}\nnot json\n').where).toEqual({ line: 2 });
    expect(refusal('{"log_history": [{"step": 5, "loss": "high"}]}').message).toBe('log_history[0], field "loss": not a finite number');
    expect(refusal('{"global_step": 5}').message).toMatch(/no "log_history" list/);
    expect(refusal('{"log_history": []}').message).toBe("the log has no step with a numeric value");
    expect(refusal("").message).toBe("the file is empty");
  });
});
