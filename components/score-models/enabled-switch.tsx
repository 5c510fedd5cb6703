"use client";
import { Switch } from "../ui/switch";
import { useSetEnabled } from "./use-set-enabled";

/** The admin's on/off switch for a model (optimistic; see useSetEnabled). */
export function EnabledSwitch({
  model,
  size = "md",
}: {
  model: { key: string; name: string; enabled: boolean };
  size?: "sm" | "md";
}) {
  const { setEnabled } = useSetEnabled();
  return (
    <Switch
      checked={model.enabled}
      onCheckedChange={(next) => setEnabled(model, next)}
      label={`Enable ${model.name}`}
      size={size}
      data-testid={`enabled-switch-${model.key}`}
    />
  );
}
