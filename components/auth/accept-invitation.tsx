"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import { ROLE_HELP, ROLE_LABEL, type Role } from "../shell/roles";
import { useFreshNavigation } from "../shell/use-fresh-navigation";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";
import { FormAlert } from "./auth-frame";

/** Joins, makes the joined workspace the active one, and opens its Scores. */
export function AcceptInvitation({
  token,
  workspaceName,
  role,
}: {
  token: string;
  workspaceName: string;
  role: Role;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const toast = useToast();
  const navigate = useFreshNavigation();
  const [error, setError] = useState<string | null>(null);

  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: async (joined) => {
        // Accepting does not change the active workspace; switching sets the cookie.
        await client.workspace.switch.mutate({ slug: joined.workspace.slug });
        toast.success(
          `Welcome to ${joined.workspace.name}`,
          `You joined as ${ROLE_LABEL[joined.role].toLowerCase()}.`,
        );
        navigate("/scores");
      },
      onError: (e) => setError(errorInfo(e).message),
    }),
  );

  return (
    <div className="space-y-4">
      {error ? <FormAlert>{error}</FormAlert> : null}
      <div className="rounded-lg bg-zinc-50 p-4 ring-1 ring-zinc-200">
        <p className="text-sm font-medium text-zinc-900">As {ROLE_LABEL[role].toLowerCase()}</p>
        <p className="mt-0.5 text-[13px] text-zinc-500">{ROLE_HELP[role]}</p>
      </div>
      <Button
        variant="primary"
        className="w-full"
        pending={accept.isPending || accept.isSuccess}
        onClick={() => {
          setError(null);
          accept.mutate({ token });
        }}
      >
        Join {workspaceName}
      </Button>
    </div>
  );
}
