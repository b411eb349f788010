import { route } from "@/lib/http/route";
import { checkConnection } from "@/lib/models/service";
import { modelBody } from "@/lib/validation/models";

export const dynamic = "force-dynamic";

/** Tests a model's settings before they are saved. */
export const POST = route({ access: "researcher", body: modelBody }, async ({ body }) =>
  checkConnection(
    {
      name: body.name,
      baseUrl: body.baseUrl,
      modelId: body.modelId,
      apiKeyEnv: body.apiKeyEnv ?? null,
      apiKeyCiphertext: null,
      apiKeyOrigin: null,
      timeoutMs: body.timeoutMs,
    },
    { typedKey: body.apiKey || undefined },
  ),
);
