{
  "variables": {
    "addon_sources": [
      "src/com/com_thread.cc",
      "src/com/hresult.cc",
      "src/napi/addon.cc",
      "src/napi/delay_load_hook.cc",
      "src/napi/guarded_tsfn.cc",
      "src/napi/js_values.cc",
      "src/napi/native_error.cc",
      "src/napi/preflight_wrap.cc",
      "src/napi/services_wrap.cc",
      "src/napi/session_wrap.cc",
      "src/napi/update_fields_option.cc",
      "src/napi/web_proxy_options.cc",
      "src/platform/preflight.cc",
      "src/wire/chunk.cc",
      "src/wua/automatic_updates.cc",
      "src/wua/change.cc",
      "src/wua/history.cc",
      "src/wua/inspect.cc",
      "src/wua/keep_awake.cc",
      "src/wua/marks.cc",
      "src/wua/offline_scan.cc",
      "src/wua/search.cc",
      "src/wua/services.cc",
      "src/wua/session.cc",
      "src/wua/session_core.cc",
      "src/wua/status.cc",
      "src/wua/update_cache.cc",
      "src/wua/update_reader.cc",
      "src/wua/web_proxy.cc"
    ],
    "addon_defines": [
      "NAPI_VERSION=8",
      "NODE_ADDON_API_CPP_EXCEPTIONS",
      "NODE_ADDON_API_CPP_EXCEPTIONS_ALL",
      "NODE_ADDON_API_DISABLE_DEPRECATED",
      # A worker terminated while its operations run: an error made for a promise of an
      # environment that is going away is dropped, not a fatal error of the whole process
      # (node-addon-api's switch for it, nodejs/node-addon-api#975 and #1310).
      "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS",
      "UNICODE",
      "_UNICODE",
      "WIN32_LEAN_AND_MEAN",
      "NOMINMAX",
      "_WIN32_WINNT=0x0A00"
    ],
    "addon_libraries": ["-lole32", "-loleaut32", "-luuid", "-lwinhttp", "-lwtsapi32"]
  }
}
