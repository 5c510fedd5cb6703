"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";
import { NAV_ITEMS } from "./nav";
import type { ShellSession } from "./session-context";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

export type { ShellSession } from "./session-context";

export function AppSidebar({ session }: { session: ShellSession }) {
  const pathname = usePathname();
  return (
    <aside className="w-60 shrink-0 border-r border-zinc-200 bg-zinc-50">
      <div className="sticky top-0 flex h-dvh flex-col">
        <div className="border-b border-zinc-200 p-2">
          <WorkspaceSwitcher session={session} />
        </div>

        <nav aria-label="Main" className="flex-1 overflow-y-auto px-2 py-4">
          <ul className="space-y-0.5">
            {NAV_ITEMS.map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              const Icon = item.icon;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "group flex h-9 items-center gap-3 rounded-md px-2 text-sm font-medium transition-colors",
                      active
                        ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200"
                        : "text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900",
                    )}
                  >
                    <Icon
                      className={cn(
                        "size-5 shrink-0",
                        active ? "text-indigo-600" : "text-zinc-400 group-hover:text-zinc-600",
                      )}
                    />
                    <span className="flex-1">{item.label}</span>
                    {!item.live ? (
                      <span className="rounded px-1.5 text-[10px] font-medium tracking-wide text-zinc-400 uppercase">
                        Soon
                      </span>
                    ) : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>

        <div className="border-t border-zinc-200 p-2">
          <UserMenu
            actor={session.actor}
            email={session.user.email}
            workspaceName={session.workspace.name}
          />
        </div>
      </div>
    </aside>
  );
}
