import { cn } from "@/lib/cn";

const palettes = [
  "bg-brand-100 text-brand-800",
  "bg-sky-100 text-sky-800",
  "bg-violet-100 text-violet-800",
  "bg-amber-100 text-amber-800",
  "bg-rose-100 text-rose-800",
  "bg-teal-100 text-teal-800",
];

/**
 * ClinicAvatar: a clinic's initials on a colour picked steadily from its id. The initials are
 * drawn as generated content, not text: the avatar is decoration beside the clinic's name, and a
 * control that holds it (the clinic switcher) must have its visible text inside its accessible
 * name, which two stray letters would break.
 */
const sizes = { sm: "size-6 text-[10px]", md: "size-7 text-xs", lg: "size-8 text-xs" };

export function ClinicAvatar({ id, name, size = "md" }: { id: string; name: string; size?: keyof typeof sizes }) {
  const colour = palettes[hash(id) % palettes.length];
  return (
    <span
      className={cn(
        "flex shrink-0 items-center justify-center rounded-md font-semibold before:content-[attr(data-initials)]",
        sizes[size],
        colour,
      )}
      data-initials={initials(name)}
      aria-hidden="true"
    />
  );
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : (words[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

function hash(value: string): number {
  let h = 0;
  for (let i = 0; i < value.length; i++) h = (h * 31 + value.charCodeAt(i)) >>> 0;
  return h;
}
