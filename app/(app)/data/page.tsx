import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Data" };

export default function DataPage() {
  return <ComingSoon href="/data" />;
}
