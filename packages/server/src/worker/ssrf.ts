/**
 * The SSRF guard of webhook delivery: a blueprint's `webhook` robot may name any URL, so the
 * server refuses targets in private, loopback, link-local, carrier-grade NAT, multicast and
 * reserved ranges (IPv4 and IPv6, including IPv4-mapped, NAT64 and 6to4 forms) unless
 * `VORONKA_ALLOW_PRIVATE_WEBHOOKS` is set. The check runs inside the connection's own DNS lookup,
 * so the address checked is the address connected to (no DNS-rebinding window).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], ["::1", 128], ["::", 96], ["100::", 64], ["2001::", 23], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) blocked.addSubnet(net, prefix, "ipv6");

/** The 16 bytes of an IPv6 address (assumed valid). */
function ipv6Bytes(ip: string): number[] {
  let text = ip.split("%", 1)[0]!.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...dotted[1]!.split(".").map(Number));
    text = text.slice(0, -dotted[1]!.length) + "0:0";
  }
  const [head = "", rest] = text.split("::");
  const part = (s: string) => (s === "" ? [] : s.split(":").map((h) => parseInt(h, 16)));
  const a = part(head);
  const b = rest === undefined ? [] : part(rest);
  const words = [...a, ...Array(8 - a.length - b.length).fill(0), ...b];
  const bytes = words.flatMap((w) => [(w >> 8) & 0xff, w & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), or null. */
function embeddedIpv4(ip: string): string | null {
  const b = ipv6Bytes(ip);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12).join(".");              // ::ffff:a.b.c.d
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return b.slice(12).join("."); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join(".");                              // 2002::/16
  return null;
}

/**
 * Whether an IP address is one webhooks may not reach by default (private, loopback, link-local,
 * reserved…). Anything that is not an IP address counts as private.
 *
 * @example
 * isPrivateAddress("127.0.0.1") // true
 * isPrivateAddress("::ffff:10.0.0.1") // true
 * isPrivateAddress("93.184.216.34") // false
 */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip.split("%", 1)[0]!);
  if (family === 4) return blocked.check(ip, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(ip);
  if (v4 !== null) return blocked.check(v4, "ipv4");
  return blocked.check(ip.split("%", 1)[0]!, "ipv6");
}

/** A refused target, with a message that says how to allow it. */
export class PrivateTargetError extends Error {
  constructor(host: string, address: string) {
    super(`Refused to call ${host}: it resolves to ${address}, a private, loopback or reserved address. Set VORONKA_ALLOW_PRIVATE_WEBHOOKS=1 to allow such targets.`);
    this.name = "PrivateTargetError";
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `dns.lookup` replacement for `http.request({ lookup })` that refuses private answers: every
 * address the name resolves to must be public.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(Object.assign(new PrivateTargetError(hostname, bad.address), { code: "EPRIVATE" }), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
    callback(null, first.address, first.family);
  });
}

/** Refuses an IP-literal host up front (a connection to a literal never asks DNS). */
export function assertPublicLiteral(hostname: string): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && isPrivateAddress(host)) throw new PrivateTargetError(hostname, host);
}
