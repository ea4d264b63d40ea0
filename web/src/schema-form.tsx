/**
 * A form generated from the scenario's JSON Schema (docs/scenario.schema.json, made from the zod
 * schema by `npm run schema`): objects become fieldsets, arrays lists, unions a choice of kind,
 * numbers and strings inputs with the schema's bounds. It edits the scenario JSON the editor below
 * shows; the worker validates it with the CLI's schema and messages when it runs.
 */
import type { JSX } from "preact";

/** The part of JSON Schema the scenario schema uses. */
export interface Schema {
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly pattern?: string;
  readonly description?: string;
  readonly maxItems?: number;
}

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A starting value for `schema` (what "add" puts in). */
export function defaultFor(schema: Schema): Json {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return defaultFor(alternatives[0]);
  switch (schema.type) {
    case "integer":
    case "number":
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? 1 : 0);
    case "string":
      return "";
    case "boolean":
      return false;
    case "array":
      return [];
    case "object": {
      const out: Record<string, Json> = {};
      for (const k of schema.required ?? []) {
        const p = schema.properties?.[k];
        if (p) out[k] = defaultFor(p);
      }
      return out;
    }
    default:
      return null;
  }
}

/** Whether `value` fits alternative `schema` well enough to be shown as it (consts and type). */
function fits(schema: Schema, value: Json): boolean {
  if (schema.const !== undefined) return value === schema.const;
  if (schema.type === "object") {
    if (!isObject(value)) return false;
    for (const [k, p] of Object.entries(schema.properties ?? {})) {
      if (p.const !== undefined && value[k] !== p.const) return false;
    }
    return (schema.required ?? []).every((k) => k in value);
  }
  if (schema.type === "array") return Array.isArray(value);
  if (schema.type === "integer" || schema.type === "number") return typeof value === "number";
  if (schema.type === "string") return typeof value === "string";
  if (schema.type === "boolean") return typeof value === "boolean";
  return true;
}

/** A short name for a union's alternative. */
function alternativeLabel(schema: Schema, i: number): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const props = schema.properties ?? {};
  for (const [k, p] of Object.entries(props))
    if (p.const !== undefined) return `${k}: ${JSON.stringify(p.const)}`;
  const keys = Object.keys(props);
  if (keys.length > 0) return `{ ${keys.slice(0, 3).join(", ")}${keys.length > 3 ? ", ..." : ""} }`;
  return schema.type ?? `option ${i + 1}`;
}

function bounds(schema: Schema): string {
  const parts: string[] = [];
  if (schema.minimum !== undefined) parts.push(`>= ${schema.minimum}`);
  if (schema.exclusiveMinimum !== undefined) parts.push(`> ${schema.exclusiveMinimum}`);
  if (schema.maximum !== undefined) parts.push(`<= ${schema.maximum}`);
  return parts.join(", ");
}

interface FieldProps {
  readonly schema: Schema;
  readonly value: Json;
  readonly onChange: (v: Json) => void;
  readonly label: string;
  readonly path: string;
}

/** One field of the form, for any schema. */
export function SchemaField({ schema, value, onChange, label, path }: FieldProps): JSX.Element {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const current = Math.max(
      0,
      alternatives.findIndex((a) => fits(a, value)),
    );
    return (
      <fieldset class="sf-union">
        <legend>{label}</legend>
        <label>
          kind{" "}
          <select
            data-testid={`form-${path}-kind`}
            value={current}
            onChange={(e) => onChange(defaultFor(alternatives[Number(e.currentTarget.value)]))}
          >
            {alternatives.map((a, i) => (
              <option value={i}>{alternativeLabel(a, i)}</option>
            ))}
          </select>
        </label>
        {alternatives[current].const === undefined && (
          <SchemaField
            schema={alternatives[current]}
            value={value}
            onChange={onChange}
            label=""
            path={path}
          />
        )}
      </fieldset>
    );
  }
  if (schema.const !== undefined) {
    return (
      <span class="sf-const">
        {label && `${label}: `}
        <code>{JSON.stringify(schema.const)}</code>
      </span>
    );
  }
  if (schema.enum) {
    return (
      <label class="sf-field">
        {label}{" "}
        <select
          data-testid={`form-${path}`}
          value={String(value)}
          onChange={(e) => onChange(schema.enum?.find((x) => String(x) === e.currentTarget.value))}
        >
          {schema.enum.map((x) => (
            <option value={String(x)}>{String(x)}</option>
          ))}
        </select>
      </label>
    );
  }
  switch (schema.type) {
    case "integer":
    case "number":
      return (
        <label class="sf-field">
          {label}{" "}
          <input
            data-testid={`form-${path}`}
            type="number"
            step={schema.type === "integer" ? 1 : "any"}
            value={typeof value === "number" ? value : ""}
            title={bounds(schema)}
            onChange={(e) => {
              const text = e.currentTarget.value;
              onChange(text === "" ? undefined : Number(text));
            }}
          />
          {bounds(schema) && <span class="sf-hint"> {bounds(schema)}</span>}
        </label>
      );
    case "string":
      return (
        <label class="sf-field">
          {label}{" "}
          <input
            data-testid={`form-${path}`}
            type="text"
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.currentTarget.value)}
          />
        </label>
      );
    case "boolean":
      return (
        <label class="sf-field">
          <input
            data-testid={`form-${path}`}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />{" "}
          {label}
        </label>
      );
    case "array": {
      const items: Json[] = Array.isArray(value) ? (value as Json[]) : [];
      const itemSchema = schema.items ?? {};
      return (
        <fieldset class="sf-array">
          <legend>{label}</legend>
          {items.map((item, i) => (
            <div class="sf-item">
              <SchemaField
                schema={itemSchema}
                value={item}
                label={`${label}[${i}]`}
                path={`${path}-${i}`}
                onChange={(v) => onChange(items.map((x, j) => (j === i ? v : x)))}
              />
              <button
                type="button"
                onClick={() => onChange(items.filter((_, j) => j !== i))}
                aria-label={`remove ${label}[${i}]`}
              >
                Remove
              </button>
            </div>
          ))}
          {(schema.maxItems === undefined || items.length < schema.maxItems) && (
            <button
              type="button"
              data-testid={`form-${path}-add`}
              onClick={() => onChange([...items, defaultFor(itemSchema)])}
            >
              Add to {label}
            </button>
          )}
        </fieldset>
      );
    }
    case "object": {
      const obj = isObject(value) ? value : {};
      const props = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const set = (k: string, v: Json) => {
        const next = { ...obj };
        if (v === undefined) delete next[k];
        else next[k] = v;
        onChange(next);
      };
      const present = props.filter(([k]) => k in obj || required.has(k));
      const absent = props.filter(([k]) => !(k in obj) && !required.has(k) && k !== "$schema");
      const body = (
        <>
          {present.map(([k, p]) => (
            <div class="sf-prop">
              <SchemaField
                schema={p}
                value={obj[k]}
                label={k}
                path={path ? `${path}-${k}` : k}
                onChange={(v) => set(k, v)}
              />
              {!required.has(k) && (
                <button type="button" onClick={() => set(k, undefined)} aria-label={`unset ${k}`}>
                  Unset
                </button>
              )}
            </div>
          ))}
          {absent.length > 0 && (
            <p class="sf-add">
              Set:{" "}
              {absent.map(([k, p]) => (
                <button
                  type="button"
                  data-testid={`form-${path ? `${path}-` : ""}${k}-set`}
                  onClick={() => set(k, defaultFor(p))}
                >
                  {k}
                </button>
              ))}
            </p>
          )}
        </>
      );
      return label ? (
        <fieldset class="sf-object">
          <legend>{label}</legend>
          {body}
        </fieldset>
      ) : (
        body
      );
    }
    default:
      return <span class="sf-hint">{label}: edit in the JSON below</span>;
  }
}
