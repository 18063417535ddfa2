// A thread the addon owns, joined to the multithreaded apartment for its whole life, that runs
// queued tasks in order. Every COM object the addon holds is created, used and released on one
// of these, never on the JS thread.
#pragma once
#include <windows.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace wua::napi {

class ComThread {
 public:
  ComThread();
  ~ComThread();  // runs what is queued, then joins
  ComThread(const ComThread&) = delete;
  ComThread& operator=(const ComThread&) = delete;

  // False once Stop() was called: the task was not queued.
  bool Post(std::function<void()> task);
  // Lets queued tasks finish, then ends the thread. Safe to call more than once.
  void Stop();
  // Ends the thread once the queue is empty, without waiting for it.
  void RequestStop();
  DWORD NativeThreadId() const noexcept { return threadId_; }

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::atomic<DWORD> threadId_{0};
  std::thread thread_;
};

}  // namespace wua::napi
