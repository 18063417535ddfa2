// A call the agent never finishes and that RequestAbort does not end: the agent's own thread
// stops answering, as users report of the real one (a search stuck for hours, AddService2 on a
// corrupt data store, an install that waits on a stuck installer). Only the test process can let
// it go (control `releaseWedges`), so that a wedge played in the test's own process never keeps a
// thread that the process waits for when it exits.
#pragma once
#include <windows.h>

namespace sim {

class Wedges {
 public:
  // Blocks the calling thread until the test process releases the wedges held now; returns the
  // failure the call then reports, as if the agent had gone away (RPC_E_DISCONNECTED).
  static HRESULT Hold();
  // Lets every held call go. Wedges reached later hold again.
  static void ReleaseAll();
  // How many calls are held now.
  static long Held();
};

}  // namespace sim
