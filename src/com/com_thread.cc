#include "com/com_thread.h"

#include "com/apartment.h"

namespace wua::com {

ComThread::ComThread() : queue_(std::make_shared<Queue>()), thread_(&ComThread::Run, queue_) {}

ComThread::~ComThread() { Stop(); }

bool ComThread::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(queue_->mutex);
    if (queue_->stopping) return false;
    queue_->tasks.push_back(std::move(task));
  }
  queue_->wake.notify_one();
  return true;
}

void ComThread::RequestStop() {
  {
    std::lock_guard<std::mutex> lock(queue_->mutex);
    queue_->stopping = true;
  }
  queue_->wake.notify_one();
}

void ComThread::Stop() {
  RequestStop();
  if (!thread_.joinable()) return;
  if (std::this_thread::get_id() == thread_.get_id())
    thread_.detach();
  else
    thread_.join();
}

void ComThread::Run(std::shared_ptr<Queue> queue) {
  com::ScopedApartment apartment;
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(queue->mutex);
      queue->wake.wait(lock, [&] { return queue->stopping || !queue->tasks.empty(); });
      if (queue->tasks.empty()) return;  // stopping, and nothing left to run
      task = std::move(queue->tasks.front());
      queue->tasks.pop_front();
    }
    task();  // tasks catch their own exceptions; see async_call.h
    // `task` (and whatever it owned, possibly this thread's ComThread) is released here, on this
    // thread, inside the apartment: COM references it held are released where they were used.
  }
}

}  // namespace wua::com
