import { describe, expect, it } from "vitest";
import { ApiRequestError } from "./fetch-api";
import { isBusy, retryDelay, retryWaitSeconds, shouldRetry } from "./retry";

const err = (status: number, retryAfterSeconds?: number) => new ApiRequestError({ status, message: "x", retryAfterSeconds });

describe("retry policy", () => {
  it("retries 429 a few times, honouring Retry-After", () => {
    expect(isBusy(err(429, 7))).toBe(true);
    expect(shouldRetry(0, err(429, 7))).toBe(true);
    expect(shouldRetry(5, err(429, 7))).toBe(false);
    expect(retryWaitSeconds(1, err(429, 7))).toBe(7);
    expect(retryDelay(1, err(429, 7))).toBe(7000);
    expect(retryWaitSeconds(1, err(429, 600))).toBe(60);
  });

  it("does not repeat errors the server already retried", () => {
    expect(shouldRetry(0, err(500))).toBe(false);
    expect(shouldRetry(0, err(400))).toBe(false);
    expect(shouldRetry(0, err(503))).toBe(false);
    expect(shouldRetry(0, err(503, 2))).toBe(true);
  });

  it("retries one network failure", () => {
    expect(shouldRetry(0, err(0))).toBe(true);
    expect(shouldRetry(1, err(0))).toBe(false);
  });
});
