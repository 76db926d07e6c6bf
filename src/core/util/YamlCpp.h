#pragma once

// yaml-cpp 0.7's node headers trip GCC 12's -Wdangling-pointer (a false positive in
// YAML::Node's inlined operator[]); include yaml-cpp through this header so -Werror builds pass.
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif
#include <yaml-cpp/yaml.h>
#pragma GCC diagnostic pop
