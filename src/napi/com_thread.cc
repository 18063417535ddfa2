#include "napi/com_thread.h"

#include "com/apartment.h"

namespace wua::napi {

ComThread::ComThread() : thread_([this] { Run(); }) {}

ComThread::~ComThread() { Stop(); }

bool ComThread::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return false;
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
  return true;
}

void ComThread::RequestStop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
}

void ComThread::Stop() {
  RequestStop();
  if (!thread_.joinable()) return;
  // The last owner can be a task on this very thread; it cannot join itself.
  if (std::this_thread::get_id() == thread_.get_id()) thread_.detach();
  else thread_.join();
}

void ComThread::Run() {
  threadId_ = ::GetCurrentThreadId();
  com::ScopedApartment apartment;
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping, and nothing left to run
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();  // tasks catch their own exceptions; see async_call.h
  }
}

}  // namespace wua::napi
