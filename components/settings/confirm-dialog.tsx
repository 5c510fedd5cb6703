"use client";
import type { ReactNode } from "react";
import { Button } from "../ui/button";
import { Dialog, DialogBody, DialogFooter } from "../ui/dialog";
import { FormAlert } from "../auth/auth-frame";

/** "Are you sure?" for a destructive action; the title names the thing, the body says what follows. */
export function ConfirmDialog({
  open,
  onClose,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  onConfirm,
  pending,
  error,
  "data-testid": testId,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  /** The dismiss button (when the action itself is a "cancel", say what dismissing keeps). */
  cancelLabel?: string;
  onConfirm: () => void;
  pending: boolean;
  error?: string | null;
  "data-testid"?: string;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      size="sm"
      busy={pending}
      data-testid={testId}
    >
      <DialogBody className="space-y-3 text-sm text-zinc-600">
        {error ? <FormAlert>{error}</FormAlert> : null}
        {children}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose} disabled={pending} data-autofocus>
          {cancelLabel}
        </Button>
        <Button variant="danger" pending={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

/**
 * Red label for a destructive button drawn in a neutral variant. A class on the button would not
 * do: cn() only joins classes, and the variant's own text colour wins in the stylesheet.
 */
export function DangerText({ children }: { children: ReactNode }) {
  return <span className="text-red-700">{children}</span>;
}
