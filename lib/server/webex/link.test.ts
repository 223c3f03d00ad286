// @vitest-environment node
import { describe, expect, it } from "vitest";
import { nextLink, parseLinkHeader } from "./link";

describe("parseLinkHeader", () => {
  it("parses the Webex shape", () => {
    expect(parseLinkHeader('<https://webexapis.com/v1/people?max=10&cursor=abc>; rel="next"')).toEqual([
      { uri: "https://webexapis.com/v1/people?max=10&cursor=abc", rels: ["next"], params: { rel: "next" } },
    ]);
  });

  it("parses several links in one value, with commas inside <> and inside quoted strings", () => {
    const links = parseLinkHeader(
      '<https://x.example/v1/people?id=a,b,c&cursor=z>; rel="next"; title="one, two; three", <https://x.example/v1/people?cursor=0>; rel=first',
    );
    expect(links.map((l) => [l.uri, l.rels])).toEqual([
      ["https://x.example/v1/people?id=a,b,c&cursor=z", ["next"]],
      ["https://x.example/v1/people?cursor=0", ["first"]],
    ]);
    expect(links[0]!.params.title).toBe("one, two; three");
  });

  it("splits several space-separated rels, case-insensitively", () => {
    const [l] = parseLinkHeader('<https://x/a>; REL="Next  Last"');
    expect(l!.rels).toEqual(["next", "last"]);
  });

  it("handles escaped quotes, odd whitespace and unquoted values", () => {
    const links = parseLinkHeader(' <u1> ;title="he said \\"hi, there\\"" ; rel = next ,<u2>;rel=prev');
    expect(links.map((l) => [l.uri, l.rels, l.params.title])).toEqual([
      ["u1", ["next"], 'he said "hi, there"'],
      ["u2", ["prev"], undefined],
    ]);
  });

  it("keeps the first rel when a link repeats it (RFC 8288 §3.3)", () => {
    expect(parseLinkHeader("<u>; rel=prev; rel=next")[0]!.rels).toEqual(["prev"]);
  });

  it("decodes RFC 8187 ext-values", () => {
    expect(parseLinkHeader("<u>; rel=next; title*=UTF-8'de'%E2%82%AC%20rates")[0]!.params["title*"]).toBe("€ rates");
  });

  it("skips malformed link-values and keeps going", () => {
    const links = parseLinkHeader('garbage; rel="next", <https://ok/>; rel="next", <u3> junk, <u4>; rel=last');
    expect(links.map((l) => l.uri)).toEqual(["https://ok/", "u4"]);
  });

  it("survives unterminated input", () => {
    expect(parseLinkHeader("<https://x/a")).toEqual([]);
    expect(parseLinkHeader('<https://x/a>; rel="next')[0]!.rels).toEqual(["next"]);
    expect(parseLinkHeader("")).toEqual([]);
    expect(parseLinkHeader(null)).toEqual([]);
  });

  it("accepts several header values", () => {
    const links = parseLinkHeader(['<a>; rel="prev"', '<b>; rel="next", <c>; rel="last"']);
    expect(links.map((l) => l.uri)).toEqual(["a", "b", "c"]);
  });
});

describe("nextLink", () => {
  it("finds next among several Link headers (Headers joins them)", () => {
    const h = new Headers();
    h.append("Link", '<https://x.example/v1/people?cursor=p>; rel="prev"');
    h.append("Link", '<https://x.example/v1/people?cursor=n,1>; rel="last next"');
    expect(nextLink(h)).toBe("https://x.example/v1/people?cursor=n,1");
  });

  it("reads plain header records with array values", () => {
    expect(nextLink({ LINK: ['<a>; rel="prev"', '<https://x/b>; rel="next"'] })).toBe("https://x/b");
  });

  it("returns the absolute URL exactly as given", () => {
    const url = "https://x.example/v1/people?max=100&cursor=YWJj%3D%3D&email=a%40b";
    expect(nextLink(new Headers({ link: `<${url}>; rel="next"` }))).toBe(url);
  });

  it("resolves a relative next link against the request URL", () => {
    const h = new Headers({ link: '</v1/people?cursor=2>; rel="next"' });
    expect(nextLink(h, "https://x.example/v1/people?max=1")).toBe("https://x.example/v1/people?cursor=2");
    expect(nextLink(h)).toBeNull();
  });

  it("is null without a next link", () => {
    expect(nextLink(new Headers({ link: '<https://x/a>; rel="prev"' }))).toBeNull();
    expect(nextLink(new Headers())).toBeNull();
  });
});
