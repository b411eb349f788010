export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

export const evalUsage = `usage: npx chimed eval --suite <id> (--base-url <url> --model <model-id> | --baseline <name> | --onnx <dir>) [options]
       npx chimed eval --resume <run-id> [--json]
       (or: npm run eval -- <the same flags>)

model
  --base-url <url>          OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1
  --model <model-id>        model id the server knows
  --api-key-env <NAME>      environment variable holding the API key (the key itself is never stored)
  --baseline <name>         uniform-random | majority | empty | longer-answer, instead of --base-url/--model
  --onnx <dir>              an ONNX causal LM folder (Optimum / onnx-community layout) run on this CPU
  --dtype <dtype>           with --onnx: fp32 (default) | fp16 | q8 | q4 | q4f16, the model file to load
  --reward-api <api>        reward suites: vllm (/pooling) | tei (/rerank) | http (--reward-template, --reward-score-path)
  --reward-template <json>  http scorer: request body with {{prompt}}, {{response}}, {{model}}
  --reward-score-path <p>   http scorer: dot path of the score in the answer, e.g. data.0.score
which items
  --subsets a,b             only these subsets (subjects, departments, entity types…)
  --limit N                 a seeded sample of N test items, stratified by subset (the run is marked partial)
  --sample-seed S           seed of that sample (default: --seed)
prompt and decoding
  --template paper|plain    prompt template (default paper: the paper's prompt)
  --system-prompt TEXT      a system message before every prompt
  --answer-mode text|logprobs
                            logprobs: the most probable option letter from the server's logprobs
  --shots K                 few-shot exemplars (multiple choice, 0-5)
  --samples K               samples per item
  --temperature T           0-2
  --top-p P                 (0, 1]
  --max-tokens N            longest answer, in tokens
  --seed S                  seed of sampling, option shuffles and bootstrap CIs
  --tokenizer char|jieba    tokens for BLEU/ROUGE (open QA, dialogue)
  --concurrency C           requests in flight (default: the model's, 8)
attitude scales (cami, mica4)
  --variant paper|paper_verbatim|neutral|en
  --order published|reversed|shuffled
  --labels letters|digits|zh
  --missing exclude|paper_compatible
  --key stigma|chimed
output
  --label TEXT              a name for the run, shown in the app
  --json                    one JSON line with the results on stdout (nothing else goes to stdout)
  --resume <run-id>         continue an interrupted run with its frozen settings

Progress, the database opened and the results go to stderr. Exit 0 completed (also with errors), 1 error,
130 interrupted (resumable).`;
