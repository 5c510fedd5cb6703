"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo, issuesFor } from "@/trpc/errors";
import { useFreshNavigation } from "../shell/use-fresh-navigation";
import { Button } from "../ui/button";
import { Field, fieldAria, Input } from "../ui/field";
import { useToast } from "../ui/toast";
import { FormAlert } from "./auth-frame";

/** Creates a workspace; the server makes it the active one, so we land on its (empty) Scores. */
export function CreateWorkspaceForm() {
  const trpc = useTRPC();
  const toast = useToast();
  const navigate = useFreshNavigation();
  const nameId = useId();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: (workspace) => {
        toast.success(
          `Created ${workspace.name}`,
          "You are its admin. Invite people from Settings.",
        );
        navigate("/scores");
      },
      onError: (error) => {
        const info = errorInfo(error);
        const issue = issuesFor(info.issues, "name")[0];
        setNameError(issue?.message ?? null);
        setFormError(issue ? null : info.message);
      },
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) {
      setNameError("Name your workspace");
      return;
    }
    setNameError(null);
    create.mutate({ name: name.trim() });
  }

  // Stays pending through the navigation that follows success.
  const pending = create.isPending || create.isSuccess;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <Field
        id={nameId}
        label="Workspace name"
        hint="Usually your company or team. You can invite people next."
        error={nameError}
      >
        <Input
          {...fieldAria(nameId, nameError, true)}
          name="name"
          autoFocus
          maxLength={80}
          placeholder="Acme Marketing"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Button type="submit" variant="primary" pending={pending} className="w-full">
        Create workspace
      </Button>
    </form>
  );
}
