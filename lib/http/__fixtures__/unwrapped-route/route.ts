// A deliberately bad route file: GET is built with the wrapper, POST is not. The door test must flag POST.
import { route } from "@/lib/http/route";

export const GET = route({ access: "public" }, async () => ({ ok: true }));

export async function POST() {
  return Response.json({ created: true }, { status: 201 });
}
