import type { Metadata } from "next";
import { WorkspaceSettings } from "@/components/settings/workspace-settings";

export const metadata: Metadata = { title: "Settings" };

/** Reads the session from the (app) layout's context; nothing else to load. */
export default function SettingsPage() {
  return <WorkspaceSettings />;
}
