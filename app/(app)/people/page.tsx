import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "People" };

export default function PeoplePage() {
  return <ComingSoon href="/people" />;
}
