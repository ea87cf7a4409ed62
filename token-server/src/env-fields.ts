/** Building blocks of the environment schemas: an empty variable counts as unset everywhere. */
import { z } from "zod";

export const unset = (value: unknown) => (value === "" ? undefined : value);

export const text = () => z.preprocess(unset, z.string().trim().optional());

export const int = (fallback: number, min: number, max: number) =>
  z.preprocess(unset, z.coerce.number().int().min(min).max(max).default(fallback));

/** An integer without a schema default: the caller picks one per mode. */
export const optionalInt = (min: number, max: number) =>
  z.preprocess(unset, z.coerce.number().int().min(min).max(max).optional());

export const flag = z
  .preprocess(unset, z.enum(["true", "false", "1", "0"]).default("false"))
  .transform((v) => v === "true" || v === "1");

/** The entries of a comma-separated value, trimmed, empty ones dropped. */
export const splitCommas = (value: string): string[] =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

/** A comma-separated list; unset or empty is an empty list. */
export const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? splitCommas(v) : []), z.array(item));
