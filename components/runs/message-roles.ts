/** Chat roles with a translated name (runs.item.roles); any other role is shown as it was sent. */
export const messageRoles = ["system", "user", "assistant"] as const;
