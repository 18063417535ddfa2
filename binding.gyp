# Source builds on Windows with MSVC (node-gyp). The prebuilt win32-x64 binary is cross-built with
# MinGW-w64 by scripts/build.mjs from the same lists in src/sources.gypi. Off Windows the addon is
# never built: scripts/install.js skips it, and the target has no sources.
{
  "includes": ["src/sources.gypi"],
  "targets": [
    {
      "target_name": "windows_update_agent",
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except_all"],
      "include_dirs": ["src"],
      "conditions": [
        ["OS=='win'", {
          "sources": ["<@(addon_sources)"],
          "defines": ["<@(addon_defines)"],
          "libraries": ["<@(addon_libraries)"],
          "msvs_settings": {
            "VCCLCompilerTool": {
              "ExceptionHandling": 1,
              "AdditionalOptions": ["/std:c++17", "/utf-8", "/W4", "/sdl", "/guard:cf", "/Zc:__cplusplus"]
            },
            "VCLinkerTool": {"AdditionalOptions": ["/DYNAMICBASE", "/guard:cf"]}
          }
        }]
      ]
    }
  ]
}
