// A thread the addon owns, joined to the multithreaded apartment for its whole life, that runs
// queued tasks in order. Every COM object the addon holds is created, used and released on one
// of these, never on the JS thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace wua::com {

class ComThread {
 public:
  ComThread();
  // Runs what is queued, then joins. When the last owner is a task on this very thread, the
  // thread is detached instead and finishes on its own.
  ~ComThread();
  ComThread(const ComThread&) = delete;
  ComThread& operator=(const ComThread&) = delete;

  // False once a stop was requested: the task was not queued.
  bool Post(std::function<void()> task);
  // Ends the thread once the queue is empty, without waiting for it.
  void RequestStop();
  // Lets queued tasks finish, then joins. Safe to call more than once.
  void Stop();

 private:
  // Owned jointly by this object and the running thread, so that the thread may outlive the
  // object when a task drops the object's last owner.
  struct Queue {
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::function<void()>> tasks;
    bool stopping = false;
  };
  static void Run(std::shared_ptr<Queue> queue);

  std::shared_ptr<Queue> queue_;
  std::thread thread_;
};

}  // namespace wua::com
