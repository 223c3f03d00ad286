import "server-only";

export { WebexClient, MAX_IDS_PER_CALL, type ListPeopleParams, type PeoplePage, type LicensePage } from "./client";
export type { WebexClientOptions } from "./transport";
export { WebexError, isWebexError, normaliseError } from "./errors";
export { MemoryBudgetStore, DbBudgetStore, DEFAULT_PER_MINUTE, type BudgetStore } from "./budget";
export { parseLinkHeader, nextLink, type LinkValue } from "./link";
export { consoleLogger, type WebexLogger, type WebexLogEntry } from "./log";
export * from "./models";
