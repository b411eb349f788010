export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

export const evalUsage = `usage: npm run eval -- --suite <id> (--base-url <url> --model <model-id> | --baseline <name>) [options]
       npm run eval -- --resume <run-id> [--json]

model
  --base-url <url>          OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1
  --model <model-id>        model id the server knows
  --api-key-env <NAME>      environment variable holding the API key (the key itself is never stored)
  --baseline <name>         uniform-random | majority | empty, instead of --base-url/--model
run settings
  --limit N                 first N test items
  --concurrency C           requests in flight (default: the model's, 8)
  --shots K                 few-shot exemplars (multiple choice, 0-5)
  --samples K               samples per item
  --temperature T           0-2
  --seed S                  seed of sampling, option shuffles and bootstrap CIs
attitude scales (cami, mica4)
  --variant paper|paper_verbatim|neutral|en
  --order published|reversed|shuffled
  --labels letters|digits|zh
output
  --json                    one JSON line with the results on stdout
  --resume <run-id>         continue an interrupted run with its frozen settings

Progress and results go to stderr. Exit 0 completed, 1 error, 130 interrupted (resumable).`;
