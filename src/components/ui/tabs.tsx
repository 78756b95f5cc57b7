"use client";

import * as TabsPrimitive from "@radix-ui/react-tabs";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { focusRing } from "./styles";

/**
 * Tabs: switch between views of one thing (English / Russian greeting, Week / Month).
 *   <Tabs defaultValue="en"><TabsList><TabsTrigger value="en">English</TabsTrigger></TabsList>
 *   <TabsContent value="en">...</TabsContent></Tabs>
 */
export const Tabs = TabsPrimitive.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof TabsPrimitive.List>) {
  return (
    <TabsPrimitive.List
      className={cn("inline-flex items-center gap-1 rounded-lg bg-slate-100 p-1 text-sm", className)}
      {...props}
    />
  );
}

export function TabsTrigger({ className, ...props }: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={cn(
        "rounded-md px-3 py-1 font-medium text-slate-600 transition-colors hover:text-slate-900",
        "data-[state=active]:bg-white data-[state=active]:text-slate-900 data-[state=active]:shadow-xs",
        focusRing,
        className,
      )}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: ComponentProps<typeof TabsPrimitive.Content>) {
  return <TabsPrimitive.Content className={cn("mt-4 outline-none", className)} {...props} />;
}
