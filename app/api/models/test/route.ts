import { toErrorResponse } from "@/lib/errors";
import { checkConnection } from "@/lib/models/service";
import { modelBody } from "@/lib/validation/models";

export const dynamic = "force-dynamic";

/** Tests a model's settings before they are saved. */
export async function POST(request: Request) {
  try {
    const body = modelBody.parse(await request.json().catch(() => null));
    return Response.json(
      await checkConnection(
        {
          name: body.name,
          baseUrl: body.baseUrl,
          modelId: body.modelId,
          apiKeyEnv: body.apiKeyEnv ?? null,
          apiKeyCiphertext: null,
          timeoutMs: body.timeoutMs,
        },
        { typedKey: body.apiKey || undefined },
      ),
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
