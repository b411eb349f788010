import { listUsers } from "@/lib/db/queries/users";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ access: "admin" }, async ({ db }) => ({
  users: (await listUsers(db)).map(({ id, name, email, role, disabled, createdAt }) => ({ id, name, email, role, disabled, createdAt })),
}));
