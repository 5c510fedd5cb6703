import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Journeys" };

export default function JourneysPage() {
  return <ComingSoon href="/journeys" />;
}
