// What the broker's service host and its Node agent host say to each other over the host's
// stdin/stdout (lib/broker/frames.ts reads and writes the same layout), and the hello a client
// sends before anything else. All numbers little-endian.
#pragma once

#include <cstdint>

namespace broker {

// A client's first bytes; the host impersonates it only after reading them.
constexpr char kHello[] = {'W', 'U', 'A', 'B', 'R', 'K', '0', '1'};
constexpr unsigned kHelloSize = sizeof(kHello);
// The host's one-byte answer to the hello.
constexpr char kAdmitted = 'A';
constexpr char kRefused = 'R';

// Frame kinds: a client connected, its bytes, it left (or, from the agent host: disconnect it).
constexpr uint8_t kOpen = 1;
constexpr uint8_t kData = 2;
constexpr uint8_t kClose = 3;
constexpr uint32_t kMaxFrame = 16 * 1024 * 1024;

#pragma pack(push, 1)
struct FrameHeader {
  uint8_t connection[4];
  uint8_t kind;
  uint8_t size[4];
};
#pragma pack(pop)

inline void PutU32(uint8_t* out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<uint8_t>(value >> (8 * i));
}

inline uint32_t GetU32(const uint8_t* in) {
  return static_cast<uint32_t>(in[0]) | static_cast<uint32_t>(in[1]) << 8 | static_cast<uint32_t>(in[2]) << 16 |
         static_cast<uint32_t>(in[3]) << 24;
}

inline FrameHeader MakeHeader(uint32_t connection, uint8_t kind, uint32_t size) {
  FrameHeader header;
  PutU32(header.connection, connection);
  header.kind = kind;
  PutU32(header.size, size);
  return header;
}

inline uint32_t FrameConnection(const FrameHeader& header) { return GetU32(header.connection); }
inline uint32_t FrameSize(const FrameHeader& header) { return GetU32(header.size); }

}  // namespace broker
