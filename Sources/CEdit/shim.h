// libedit for hvsh's REPL. el_set/el_get/history are C variadic functions, which Swift cannot
// call, so each use hvsh needs gets a small typed wrapper here.
#include <stdio.h>
#include <wchar.h>
#include <histedit.h>

typedef char *(*hvsh_prompt_fn)(EditLine *);
typedef unsigned char (*hvsh_key_fn)(EditLine *, int);
typedef int (*hvsh_getc_fn)(EditLine *, wchar_t *);

static inline int hvsh_el_set_prompt(EditLine *el, hvsh_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
static inline int hvsh_el_set_prompt_esc(EditLine *el, hvsh_prompt_fn fn, char delimiter) {
    return el_set(el, EL_PROMPT_ESC, fn, delimiter);
}
static inline int hvsh_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int hvsh_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int hvsh_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int hvsh_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *hvsh_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int hvsh_el_set_getc(EditLine *el, hvsh_getc_fn fn) { return el_set(el, EL_GETCFN, fn); }
static inline int hvsh_el_add_function(EditLine *el, const char *name, const char *help, hvsh_key_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int hvsh_el_bind(EditLine *el, const char *keys, const char *function) {
    return el_set(el, EL_BIND, keys, function, NULL);
}
static inline int hvsh_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

static inline int hvsh_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int hvsh_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}
static inline int hvsh_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
