/**
 * The lesson of chapter 05, in the order to read it (its README's "Reading order" says the same, with the
 * minutes). First pass (about 550 lines): {@link sockets.select.Protocol}; {@link sockets.select.SelectorServer}'s
 * class comment, fields and {@code start}; {@link sockets.select.SelectLoop} down to its line "Second pass"
 * ({@code run}, {@code turn}, {@code select}, {@code serve}, {@code accept}, {@code register}); then
 * {@link sockets.select.Connection} down to its line "Second pass" ({@code ready}, {@code read}, {@code write},
 * {@code flush}, {@code updateInterest}, {@code close}). Second pass: {@link sockets.select.FramingProtocol},
 * the limits and the stop. Skip on a first read: {@link sockets.select.LoadGenerator}.
 */
package sockets.select;
