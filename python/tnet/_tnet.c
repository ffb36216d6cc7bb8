/* _tnet.c: the C half of the Python package `tnet` (python/tnet/ is the
 * other half). A small module over the public C API: a Dataset type holding
 * a loaded network folder, and functions that compute matrices and return
 * them as NumPy arrays filled here (one allocation per array, no Python
 * object per cell). Every long computation runs with the GIL released; a
 * progress callable, when given, is called with the GIL taken back.
 * Errors (GError) become tnet.Error(message) with .code set to the
 * TNET_ERROR code. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#include <numpy/arrayobject.h>

#include <tnet/tnet.h>
#include <gio/gio.h>
#include <math.h>
#include <string.h>

static PyObject *tnet_py_error;   /* tnet.Error */

/* Raises tnet.Error from @error (consumed) and returns NULL. */
static PyObject *
raise_gerror (GError *error)
{
  PyObject *args = Py_BuildValue ("(s)", error->message);
  PyObject *exc = args ? PyObject_CallObject (tnet_py_error, args) : NULL;
  Py_XDECREF (args);
  if (exc)
    {
      PyObject *code = PyLong_FromLong (error->domain == TNET_ERROR ? error->code : -1);
      PyObject *domain = PyUnicode_FromString (g_quark_to_string (error->domain));
      if (code && domain)
        {
          PyObject_SetAttrString (exc, "code", code);
          PyObject_SetAttrString (exc, "domain", domain);
        }
      Py_XDECREF (code);
      Py_XDECREF (domain);
      PyErr_SetObject (tnet_py_error, exc);
      Py_DECREF (exc);
    }
  g_error_free (error);
  return NULL;
}

/* ------------------------------------------------------------- progress */

typedef struct {
  PyObject *callable;             /* borrowed; NULL or None: no progress */
  PyObject *type, *value, *tb;    /* the callable's exception, if any */
  GCancellable *cancellable;      /* owned; set by progress_attach() when there
                                     is a callable, cancelled when it raises or
                                     returns False */
} Progress;

/* The library's progress function: calls the Python callable with (done,
 * total, what) (the unit is not passed: callables written for three
 * arguments keep working) and, when it raises or returns False (not None),
 * cancels the operation's cancellable, so that the work stops at its next
 * check with G_IO_ERROR_CANCELLED. */
static void
progress_trampoline (guint64 done, guint64 total, const char *what, const char *unit,
                     gpointer data)
{
  (void) unit;
  Progress *p = data;
  PyGILState_STATE st = PyGILState_Ensure ();
  gboolean go_on = TRUE;
  PyObject *r = PyObject_CallFunction (p->callable, "KKs", (unsigned long long) done,
                                       (unsigned long long) total, what ? what : "");
  if (r == NULL)
    {
      if (p->type == NULL)
        PyErr_Fetch (&p->type, &p->value, &p->tb);
      else
        PyErr_Clear ();
      go_on = FALSE;
    }
  else
    {
      go_on = r == Py_None || PyObject_IsTrue (r) != 0;
      Py_DECREF (r);
    }
  PyGILState_Release (st);
  if (!go_on)
    g_cancellable_cancel (p->cancellable);
}

/* Sets an operation's progress members (@func, @data, @cancellable) from
 * @p: its callable through progress_trampoline() and @p's cancellable, or
 * all NULL without a callable. */
static void
progress_attach (Progress *p, TnetProgressFunc *func, gpointer *data,
                 GCancellable **cancellable)
{
  gboolean on = p->callable && p->callable != Py_None;
  if (on && p->cancellable == NULL)
    p->cancellable = g_cancellable_new ();
  *func = on ? progress_trampoline : NULL;
  *data = on ? p : NULL;
  *cancellable = on ? p->cancellable : NULL;
}

/* For the loops of this module: reports @done of @total origins to the
 * callable, if any; FALSE when it asked to stop (now or before). */
static gboolean
progress_report (Progress *p, guint64 done, guint64 total, const char *what)
{
  if (!p->callable || p->callable == Py_None)
    return TRUE;
  if (p->cancellable == NULL)
    p->cancellable = g_cancellable_new ();
  progress_trampoline (done, total, what, "origins", p);
  return !g_cancellable_is_cancelled (p->cancellable);
}

/* Frees what @p holds (the GIL held): its cancellable, and the callable's
 * exception when it was not restored. */
static void
progress_clear (Progress *p)
{
  g_clear_object (&p->cancellable);
  Py_CLEAR (p->type);
  Py_CLEAR (p->value);
  Py_CLEAR (p->tb);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Progress, progress_clear)

/* After a call: the callable's exception if it raised (returns TRUE). */
static gboolean
progress_restore (Progress *p)
{
  if (p->type == NULL)
    return FALSE;
  PyErr_Restore (p->type, p->value, p->tb);
  p->type = p->value = p->tb = NULL;
  return TRUE;
}

/* Raises the progress exception when there was one, else tnet.Error. */
static PyObject *
fail (Progress *p, GError *error)
{
  if (p && progress_restore (p))
    {
      g_clear_error (&error);
      return NULL;
    }
  if (error == NULL)
    {
      PyErr_SetString (tnet_py_error, "tnet: failed");
      return NULL;
    }
  return raise_gerror (error);
}

/* -------------------------------------------------------------- Dataset */

/* The built graphs a Dataset keeps (build_graphs()): the most recently
 * used last. */
#define GRAPH_CACHE_SIZE 4

typedef struct {
  char *key;              /* graph_key() */
  TnetMultimodal *mm;
} CachedGraph;

typedef struct {
  PyObject_HEAD
  TnetDataset *ds;
  GMutex cache_lock;      /* zeroed by tp_alloc: usable without init */
  GPtrArray *cache;       /* CachedGraph, at most GRAPH_CACHE_SIZE */
} DatasetObject;

static void
cached_graph_free (gpointer p)
{
  CachedGraph *c = p;
  g_free (c->key);
  tnet_multimodal_unref (c->mm);
  g_free (c);
}

static void
clear_graph_cache (DatasetObject *self)
{
  g_mutex_lock (&self->cache_lock);
  g_clear_pointer (&self->cache, g_ptr_array_unref);
  g_mutex_unlock (&self->cache_lock);
}

static PyTypeObject DatasetType;

static int
dataset_init (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "path", NULL };
  PyObject *path_obj = NULL;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "O&", kwlist, PyUnicode_FSConverter, &path_obj))
    return -1;
  GError *error = NULL;
  TnetDataset *ds;
  const char *path = PyBytes_AS_STRING (path_obj);
  Py_BEGIN_ALLOW_THREADS
  ds = tnet_dataset_load (path, NULL, &error);
  Py_END_ALLOW_THREADS
  Py_DECREF (path_obj);
  if (ds == NULL)
    {
      raise_gerror (error);
      return -1;
    }
  clear_graph_cache (self);
  g_clear_pointer (&self->ds, tnet_dataset_free);
  self->ds = ds;
  return 0;
}

static void
dataset_dealloc (DatasetObject *self)
{
  clear_graph_cache (self);
  g_mutex_clear (&self->cache_lock);
  g_clear_pointer (&self->ds, tnet_dataset_free);
  Py_TYPE (self)->tp_free ((PyObject *) self);
}

static gboolean
check_loaded (DatasetObject *self)
{
  if (self->ds == NULL)
    {
      PyErr_SetString (PyExc_ValueError, "tnet: the dataset is not loaded");
      return FALSE;
    }
  return TRUE;
}

static PyObject *
dataset_get_path (DatasetObject *self, void *closure)
{
  return check_loaded (self) ? PyUnicode_DecodeFSDefault (tnet_dataset_get_dir (self->ds)) : NULL;
}

static PyObject *
dataset_get_name (DatasetObject *self, void *closure)
{
  return check_loaded (self) ? PyUnicode_FromString (tnet_dataset_get_name (self->ds)) : NULL;
}

/* A NumPy float64 vector of @n values taken from @values. */
static PyObject *
new_vector (const double *values, npy_intp n)
{
  PyObject *a = PyArray_SimpleNew (1, &n, NPY_FLOAT64);
  if (a && n)
    memcpy (PyArray_DATA ((PyArrayObject *) a), values, (size_t) n * sizeof (double));
  return a;
}

/* A list of @n strings from @get (NULL strings become None). */
static PyObject *
string_list (guint n, const char *(*get) (gconstpointer, guint), gconstpointer data)
{
  PyObject *list = PyList_New (n);
  for (guint i = 0; list && i < n; i++)
    {
      const char *s = get (data, i);
      PyObject *item = s ? PyUnicode_FromString (s) : (Py_INCREF (Py_None), Py_None);
      if (item == NULL)
        {
          Py_CLEAR (list);
          break;
        }
      PyList_SET_ITEM (list, i, item);
    }
  return list;
}

static const char *
node_id_at (gconstpointer net, guint i)
{
  return tnet_network_node (net, i)->id;
}

static const char *
node_name_at (gconstpointer net, guint i)
{
  return tnet_network_node (net, i)->name;
}

static const char *
node_kind_at (gconstpointer net, guint i)
{
  return tnet_node_kind_to_string (tnet_network_node (net, i)->kind);
}

static const char *
node_region_at (gconstpointer net, guint i)
{
  return tnet_network_node (net, i)->region;
}

/* Dataset.nodes() -> dict of columns: id, name, kind, region (lists),
 * lon, lat, population (float64 arrays). */
static PyObject *
dataset_nodes (DatasetObject *self, PyObject *unused)
{
  if (!check_loaded (self))
    return NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  guint n = tnet_network_n_nodes (net);
  npy_intp dim = n;
  PyObject *lon = PyArray_SimpleNew (1, &dim, NPY_FLOAT64);
  PyObject *lat = PyArray_SimpleNew (1, &dim, NPY_FLOAT64);
  PyObject *pop = PyArray_SimpleNew (1, &dim, NPY_FLOAT64);
  if (!lon || !lat || !pop)
    goto error;
  for (guint i = 0; i < n; i++)
    {
      const TnetNode *node = tnet_network_node (net, i);
      ((double *) PyArray_DATA ((PyArrayObject *) lon))[i] = node->lon;
      ((double *) PyArray_DATA ((PyArrayObject *) lat))[i] = node->lat;
      ((double *) PyArray_DATA ((PyArrayObject *) pop))[i] = node->population;
    }
  PyObject *r = Py_BuildValue ("{s:N,s:N,s:N,s:N,s:N,s:N,s:N}",
                               "id", string_list (n, node_id_at, net),
                               "name", string_list (n, node_name_at, net),
                               "kind", string_list (n, node_kind_at, net),
                               "region", string_list (n, node_region_at, net),
                               "lon", lon, "lat", lat, "population", pop);
  return r;
error:
  Py_XDECREF (lon);
  Py_XDECREF (lat);
  Py_XDECREF (pop);
  return NULL;
}

/* The timetable options @t (tnet_commute_timing_init()) as commute()
 * names its keyword arguments: depart "HH:MM", date "YYYY-MM-DD" or None
 * (the feed's busiest day), window, max_walk in minutes, percentiles,
 * drive_budget, park_time (minutes), parking_radius (metres). */
static PyObject *
timing_dict (const TnetCommuteTiming *t)
{
  PyObject *pcts = PyList_New (t->n_percentiles);
  if (pcts == NULL)
    return NULL;
  for (guint k = 0; k < t->n_percentiles; k++)
    PyList_SET_ITEM (pcts, k, PyFloat_FromDouble (t->percentiles[k]));
  char depart[16], date[16];
  g_snprintf (depart, sizeof depart, "%02d:%02d", t->depart_s / 3600, t->depart_s / 60 % 60);
  g_snprintf (date, sizeof date, "%04u-%02u-%02u", t->date / 10000, t->date / 100 % 100,
              t->date % 100);
  return Py_BuildValue ("{s:s,s:z,s:I,s:d,s:N,s:I,s:I,s:d}", "depart", depart,
                        "date", t->date ? date : NULL, "window",
                        (unsigned int) ((t->window_ms + 59999u) / 60000u),
                        "max_walk", tnet_weight_to_min (t->max_walk_ms), "percentiles", pcts,
                        "drive_budget", (unsigned int) (t->park_ride.drive_budget_ms / 60000),
                        "park_time", (unsigned int) (t->park_ride.park_ms / 60000),
                        "parking_radius", t->park_ride.parking_radius_m);
}

/* The timetable keys of plan group @g as timing_dict() gives them, or
 * None when the group has no `depart`. */
static PyObject *
plan_commute_timetable (const TnetPlanCommute *g)
{
  if (!g->timetable)
    Py_RETURN_NONE;
  TnetCommuteTiming t;
  tnet_commute_timing_init (&t, g);
  return timing_dict (&t);
}

/* Dataset.commute_timing() -> the defaults of commute()'s timetable
 * keywords, resolved by the library (tnet_commute_timing_init() of the
 * plan's first [commute] group, as every command takes them). */
static PyObject *
dataset_commute_timing (DatasetObject *self, PyObject *unused)
{
  if (!check_loaded (self))
    return NULL;
  const TnetPlan *plan = tnet_dataset_get_plan (self->ds);
  TnetCommuteTiming t;
  tnet_commute_timing_init (&t, plan && tnet_plan_n_commutes (plan) > 0
                                ? tnet_plan_get_commute (plan, 0) : NULL);
  return timing_dict (&t);
}

/* Dataset.plan_commute() -> the plan's first [commute] group as a dict
 * (origins, destinations, profiles, budget, and timetable: its timetable
 * keys as plan_commute_timetable() gives them, or None), or None. */
static PyObject *
dataset_plan_commute (DatasetObject *self, PyObject *unused)
{
  if (!check_loaded (self))
    return NULL;
  const TnetPlan *plan = tnet_dataset_get_plan (self->ds);
  if (plan == NULL || tnet_plan_n_commutes (plan) == 0)
    Py_RETURN_NONE;
  const TnetPlanCommute *g = tnet_plan_get_commute (plan, 0);
  PyObject *profiles = PyList_New (g->n_profiles);
  for (guint p = 0; profiles && p < g->n_profiles; p++)
    PyList_SET_ITEM (profiles, p, PyUnicode_FromString (tnet_profile_to_string (g->profiles[p])));
  PyObject *tt = profiles ? plan_commute_timetable (g) : NULL;
  if (tt == NULL)
    {
      Py_XDECREF (profiles);
      return NULL;
    }
  return Py_BuildValue ("{s:s,s:s,s:N,s:d,s:N}", "origins", g->origins,
                        "destinations", g->destinations, "profiles", profiles,
                        "budget", tnet_weight_to_min (g->budget_ms), "timetable", tt);
}

/* ------------------------------------------------------------- helpers */

/* The scenario of @year with @closures (a sequence of link ids or line
 * names, or None), checked against the dataset. */
static TnetScenario *
make_scenario (TnetDataset *ds, int year, PyObject *closures, GError **error)
{
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (year);
  if (closures && closures != Py_None)
    {
      PyObject *seq = PySequence_Fast (closures, "closures: expected a list of link ids or "
                                       "line names");
      if (seq == NULL)
        return NULL;
      for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE (seq); i++)
        {
          const char *name = PyUnicode_AsUTF8 (PySequence_Fast_GET_ITEM (seq, i));
          if (name == NULL)
            {
              Py_DECREF (seq);
              return NULL;
            }
          if (tnet_network_find_link (net, name) != TNET_ID_NONE)
            tnet_scenario_close_link (scen, name);
          else if (tnet_network_has_line (net, name))
            tnet_scenario_close_line (scen, name);
          else
            {
              g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                           "closure \"%s\" is neither a link id nor a line of %s", name,
                           tnet_dataset_get_name (ds));
              Py_DECREF (seq);
              return NULL;
            }
        }
      Py_DECREF (seq);
    }
  if (!tnet_dataset_validate_scenario (ds, scen, error))
    return NULL;
  return g_steal_pointer (&scen);
}

/* Node indices from a place spec (str: tnet_commute_select()) or a sequence
 * of node ids. */
static gboolean
select_nodes (const TnetNetwork *net, PyObject *obj, GArray *out, GError **error)
{
  if (PyUnicode_Check (obj))
    {
      const char *spec = PyUnicode_AsUTF8 (obj);
      return spec && tnet_commute_select (net, spec, out, error);
    }
  PyObject *seq = PySequence_Fast (obj, "expected a place spec (str) or a list of node ids");
  if (seq == NULL)
    return FALSE;
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE (seq); i++)
    {
      const char *id = PyUnicode_AsUTF8 (PySequence_Fast_GET_ITEM (seq, i));
      if (id == NULL)
        {
          Py_DECREF (seq);
          return FALSE;
        }
      TnetId v = tnet_network_find_node (net, id);
      if (v == TNET_ID_NONE)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "unknown node \"%s\"", id);
          Py_DECREF (seq);
          return FALSE;
        }
      g_array_append_val (out, v);
    }
  Py_DECREF (seq);
  if (out->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "no node given");
      return FALSE;
    }
  return TRUE;
}

/* Dataset.select(places) -> the node ids a place spec or list stands for,
 * as commute() and travel_time_matrix() take them (a spec's nodes once
 * each, in its order; a list as given). */
static PyObject *
dataset_select (DatasetObject *self, PyObject *places)
{
  if (!check_loaded (self))
    return NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (TnetId));
  GError *error = NULL;
  if (!select_nodes (net, places, nodes, &error))
    return PyErr_Occurred () ? NULL : fail (NULL, error);
  PyObject *list = PyList_New (nodes->len);
  for (guint i = 0; list && i < nodes->len; i++)
    {
      PyObject *s = PyUnicode_FromString (tnet_network_node (net, g_array_index (nodes, TnetId,
                                                                                  i))->id);
      if (s == NULL)
        {
          Py_CLEAR (list);
          break;
        }
      PyList_SET_ITEM (list, i, s);
    }
  return list;
}

static gboolean
parse_profiles (PyObject *obj, GArray *out, GError **error)
{
  PyObject *seq = PyUnicode_Check (obj) ? Py_BuildValue ("(O)", obj)
                  : PySequence_Fast (obj, "profiles: expected a list of profile names");
  if (seq == NULL)
    return FALSE;
  gboolean ok = TRUE;
  Py_ssize_t n = PySequence_Fast_GET_SIZE (seq);
  for (Py_ssize_t i = 0; ok && i < n; i++)
    {
      const char *name = PyUnicode_AsUTF8 (PySequence_Fast_GET_ITEM (seq, i));
      TnetProfile p;
      if (name == NULL)
        ok = FALSE;
      else if (!tnet_profile_from_string (name, &p))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "unknown profile '%s' (expected car, transit or park_and_ride)", name);
          ok = FALSE;
        }
      else
        g_array_append_val (out, p);
    }
  Py_DECREF (seq);
  if (ok && out->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "no profile given");
      ok = FALSE;
    }
  return ok;
}

/* What a profile's graph depends on: the year (its feed), the profile and
 * the links the scenario leaves open (Python scenarios set nothing else). */
static char *
graph_key (const TnetNetwork *net, const TnetScenario *scen, TnetProfile profile)
{
  guint nl = tnet_network_n_links (net);
  GString *key = g_string_sized_new (nl + 16);
  g_string_printf (key, "%d/%d/", tnet_scenario_get_year (scen), (int) profile);
  for (TnetId l = 0; l < nl; l++)
    g_string_append_c (key, tnet_scenario_link_active (scen, net, l) ? '1' : '0');
  return g_string_free (key, FALSE);
}

/* The layered graph of @profile with the scenario year's feed and the
 * folder's hubs (as the command line builds it), from @self's cache when
 * the same (year, open links, profile) was built before: the graph and the
 * contraction hierarchy a many-to-many matrix builds on it
 * (tnet_multimodal_ref_ch()) are then reused. A graph with closures gets
 * the year's open graph as its hierarchy's base (tnet_multimodal_set_ch_base()).
 * No GIL needed. */
static TnetMultimodal *
cached_graph (DatasetObject *self, const TnetScenario *scen, TnetProfile profile,
              GError **error)
{
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autofree char *key = graph_key (net, scen, profile);
  g_mutex_lock (&self->cache_lock);
  if (self->cache == NULL)
    self->cache = g_ptr_array_new_with_free_func (cached_graph_free);
  for (guint i = 0; i < self->cache->len; i++)
    {
      CachedGraph *c = g_ptr_array_index (self->cache, i);
      if (strcmp (c->key, key) == 0)
        {
          TnetMultimodal *mm = tnet_multimodal_ref (c->mm);
          g_ptr_array_add (self->cache, g_ptr_array_steal_index (self->cache, i));
          g_mutex_unlock (&self->cache_lock);
          return mm;
        }
    }
  g_mutex_unlock (&self->cache_lock);

  const TnetFeed *feed = NULL;
  TnetMultimodal *mm = NULL;
  if (profile != TNET_PROFILE_CAR
      && !tnet_dataset_get_feed (self->ds, tnet_scenario_get_year (scen), &feed, error))
    return NULL;
  if (!tnet_commute_build_graphs (net, scen, feed, tnet_dataset_get_hubs (self->ds), &profile,
                                  1, &mm, error))
    return NULL;
  /* A scenario that closes links takes its hierarchy, when one is needed,
   * by customising the CCH of the year's open graph (cached as any graph,
   * its CCH built once for every closure of that year and profile)
   * instead of contracting its own. */
  g_autoptr (TnetScenario) open = tnet_scenario_new (tnet_scenario_get_year (scen));
  g_autofree char *open_key = graph_key (net, open, profile);
  if (strcmp (open_key, key) != 0)
    {
      TnetMultimodal *base = cached_graph (self, open, profile, error);
      if (base == NULL)
        {
          tnet_multimodal_unref (mm);
          return NULL;
        }
      tnet_multimodal_set_ch_base (mm, base);   /* FALSE: it builds its own */
      tnet_multimodal_unref (base);
    }
  CachedGraph *c = g_new (CachedGraph, 1);
  c->key = g_steal_pointer (&key);
  c->mm = tnet_multimodal_ref (mm);
  g_mutex_lock (&self->cache_lock);
  if (self->cache == NULL)
    self->cache = g_ptr_array_new_with_free_func (cached_graph_free);
  if (self->cache->len == GRAPH_CACHE_SIZE)
    g_ptr_array_remove_index (self->cache, 0);
  g_ptr_array_add (self->cache, c);
  g_mutex_unlock (&self->cache_lock);
  return mm;
}

/* The graphs of @profiles (new references in @graphs). No GIL needed. */
static gboolean
build_graphs (DatasetObject *self, const TnetScenario *scen, const TnetProfile *profiles,
              guint n, TnetMultimodal **graphs, GError **error)
{
  for (guint p = 0; p < n; p++)
    if ((graphs[p] = cached_graph (self, scen, profiles[p], error)) == NULL)
      {
        for (guint q = 0; q < p; q++)
          g_clear_pointer (&graphs[q], tnet_multimodal_unref);
        return FALSE;
      }
  return TRUE;
}

static double
ms_to_min (TnetWeight ms)
{
  return ms == TNET_WEIGHT_INF ? NAN : ms / 60000.0;
}

/* A list of the node ids of @ids. */
static PyObject *
id_list (const TnetNetwork *net, const TnetId *ids, guint n)
{
  PyObject *list = PyList_New (n);
  for (guint i = 0; list && i < n; i++)
    {
      PyObject *s = PyUnicode_FromString (tnet_network_node (net, ids[i])->id);
      if (s == NULL)
        {
          Py_CLEAR (list);
          break;
        }
      PyList_SET_ITEM (list, i, s);
    }
  return list;
}

/* ------------------------------------------------------------- commute */

/* The timetable options of commute() and the isochrones, as
 * Dataset.timetable_matrix() takes them: by the scenario year's timetable
 * when @on, departing @depart_s over @window_min minutes, percentiles
 * @pcts (borrowed; NULL: the command's default), walks of @max_walk_min,
 * @date (0: the feed's busiest day), @seed (frequencies.txt phase); the
 * park-and-ride options @drive_min, @park_min and @radius_m. */
typedef struct {
  int on;
  int depart_s, window_min, max_walk_min;
  unsigned int date, seed;
  PyObject *pcts;
  int drive_min, park_min;
  double radius_m;
} TimetableArgs;

#define TIMETABLE_ARGS_INIT { 0, 8 * 3600, 0, 15, 0, 0, NULL, 30, 5, 400.0 }

/* What commute() and the isochrones hold of a timetable while they run:
 * the timetable, the park-and-ride on it (NULL: none asked), its
 * percentiles and the feed's file name. */
typedef struct {
  TnetTimetable *tt;
  TnetParkRide *pr;
  double *pcts;
  guint n_pcts;
  char *feed_name;
} TimetableRun;

static void
timetable_run_clear (TimetableRun *run)
{
  tnet_park_ride_free (run->pr);
  if (run->tt)
    tnet_timetable_unref (run->tt);
  g_free (run->pcts);
  g_free (run->feed_name);
  memset (run, 0, sizeof *run);
}

static TnetTimetable *timetable_setup (DatasetObject *self, int year, PyObject *closures,
                                       int depart_s, int window_min, int max_walk_min,
                                       PyObject *pcts_obj, guint date, guint seed,
                                       double **pcts, guint *n_pcts, char **feed_name,
                                       TnetFeed **feed);
static TnetParkRide *park_ride_setup (DatasetObject *self, int year, PyObject *closures,
                                      TnetTimetable *tt, int drive_min, int park_min,
                                      double radius_m);
static PyObject *park_ride_summary (const TnetParkRide *pr);

/* Sets up @run from @ta (the timetable, and the park-and-ride on it when
 * @park_ride): FALSE with a Python exception set and @run cleared. The
 * default percentiles are the command's (5, 25, 50, 75, 95). */
static gboolean
timetable_run_setup (DatasetObject *self, int year, PyObject *closures,
                     const TimetableArgs *ta, gboolean park_ride, TimetableRun *run)
{
  memset (run, 0, sizeof *run);
  PyObject *dflt = ta->pcts ? NULL : Py_BuildValue ("[ddddd]", 5.0, 25.0, 50.0, 75.0, 95.0);
  if (ta->pcts == NULL && dflt == NULL)
    return FALSE;
  run->tt = timetable_setup (self, year, closures, ta->depart_s, ta->window_min,
                             ta->max_walk_min, ta->pcts ? ta->pcts : dflt, ta->date, ta->seed,
                             &run->pcts, &run->n_pcts, &run->feed_name, NULL);
  Py_XDECREF (dflt);
  if (run->tt == NULL)
    return FALSE;
  if (park_ride
      && (run->pr = park_ride_setup (self, year, closures, run->tt, ta->drive_min,
                                     ta->park_min, ta->radius_m)) == NULL)
    {
      timetable_run_clear (run);
      return FALSE;
    }
  return TRUE;
}

/* The model of profile @p of @c as the Python frames name it. */
static const char *
commute_model (const TnetCommute *c, guint p)
{
  if (tnet_commute_method (c, p) == TNET_COMMUTE_METHOD_TIMETABLE)
    return "timetable";
  return tnet_commute_profile (c, p) == TNET_PROFILE_CAR ? "network" : "frequency";
}

/* Adds to commute()'s @result what the timetable gave: "models" (per
 * profile: network, frequency or timetable), "percentiles" (their list,
 * empty without a timetable), "percentile_minutes" float64 [profile,
 * percentile, origin, destination] (NaN: not reached, or a profile not by
 * the timetable), "feed", "date" (None without) and "park_and_ride" (the
 * options and counts, or None). FALSE with an exception set. */
static gboolean
commute_add_timetable (PyObject *result, const TnetCommute *c, const TimetableRun *run)
{
  guint np = tnet_commute_n_profiles (c), nk = tnet_commute_n_percentiles (c);
  guint no = tnet_commute_n_origins (c), nd = tnet_commute_n_destinations (c);
  npy_intp dims[4] = { np, nk, no, nd };
  PyObject *models = PyList_New (np), *pl = PyList_New (nk);
  PyObject *cube = PyArray_SimpleNew (4, dims, NPY_FLOAT64);
  PyObject *prs = run->pr ? park_ride_summary (run->pr) : Py_NewRef (Py_None);
  gboolean ok = models && pl && cube && prs;
  for (guint p = 0; ok && p < np; p++)
    PyList_SET_ITEM (models, p, PyUnicode_FromString (commute_model (c, p)));
  for (guint k = 0; ok && k < nk; k++)
    PyList_SET_ITEM (pl, k, PyFloat_FromDouble (tnet_commute_percentile (c, k)));
  if (ok)
    {
      double *out = PyArray_DATA ((PyArrayObject *) cube);
      gsize i = 0;
      for (guint p = 0; p < np; p++)
        for (guint k = 0; k < nk; k++)
          for (guint o = 0; o < no; o++)
            for (guint d = 0; d < nd; d++, i++)
              out[i] = ms_to_min (tnet_commute_percentile_ms (c, p, o, d, k));
      PyObject *feed = run->feed_name ? PyUnicode_FromString (run->feed_name)
                                      : Py_NewRef (Py_None);
      PyObject *date = run->tt ? PyLong_FromUnsignedLong (tnet_timetable_get_service_date (run->tt))
                               : Py_NewRef (Py_None);
      ok = feed && date
           && PyDict_SetItemString (result, "models", models) == 0
           && PyDict_SetItemString (result, "percentiles", pl) == 0
           && PyDict_SetItemString (result, "percentile_minutes", cube) == 0
           && PyDict_SetItemString (result, "feed", feed) == 0
           && PyDict_SetItemString (result, "date", date) == 0
           && PyDict_SetItemString (result, "park_and_ride", prs) == 0;
      Py_XDECREF (feed);
      Py_XDECREF (date);
    }
  Py_XDECREF (models);
  Py_XDECREF (pl);
  Py_XDECREF (cube);
  Py_XDECREF (prs);
  return ok;
}

/* The population within the budget per destination and of any destination
 * (the last of @w's @nd + 1 values) for profile @p, as
 * tnet_commute_population_within() counts it (a reached cell whose total is
 * at most the budget, in ms), in one pass over the cells instead of one
 * per destination. */
static void
commute_within (const TnetCommute *c, const TnetNetwork *net, guint p, double *w)
{
  guint no = tnet_commute_n_origins (c), nd = tnet_commute_n_destinations (c);
  for (guint d = 0; d <= nd; d++)
    w[d] = 0;
  for (guint o = 0; o < no; o++)
    {
      double pop = tnet_network_node (net, tnet_commute_origin (c, o))->population;
      gboolean any = FALSE;
      pop = isfinite (pop) && pop > 0 ? pop : 0;
      for (guint d = 0; d < nd; d++)
        {
          const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
          if (cell->total_ms != TNET_WEIGHT_INF
              && cell->total_ms <= tnet_commute_budget_ms (c))
            {
              w[d] += pop;
              any = TRUE;
            }
        }
      if (any)
        w[nd] += pop;
    }
}

/* commute()'s dict of @c: cells as arrays [profile, origin, destination];
 * @want_parts FALSE: the totals only (the matrix of travel_time_matrix()),
 * the population figures NaN. */
static PyObject *
commute_result (const TnetCommute *c, const TnetNetwork *net, int year, const char *direction,
                gboolean want_parts, const GArray *origins, const GArray *dests)
{
  guint np = tnet_commute_n_profiles (c);
  guint no = tnet_commute_n_origins (c), nd = tnet_commute_n_destinations (c);
  npy_intp dims[3] = { np, no, nd };
  static const char *const part_names[6] = { "minutes", "access_min", "wait_min",
                                             "in_vehicle_min", "transfer_min", "egress_min" };
  PyObject *parts[6] = { NULL };
  int n_arrays = want_parts ? 6 : 1;
  PyObject *rides = want_parts ? PyArray_SimpleNew (3, dims, NPY_INT32)
                               : PyArray_SimpleNew (0, dims, NPY_INT32);
  PyObject *has_parts = PyList_New (np), *profile_names = PyList_New (np);
  npy_intp wdims[2] = { np, nd + 1 };
  PyObject *methods = PyList_New (np), *within = PyArray_SimpleNew (2, wdims, NPY_FLOAT64);
  PyObject *result = NULL;
  gboolean ok = rides && has_parts && profile_names && methods && within;
  for (int k = 0; ok && k < n_arrays; k++)
    ok = (parts[k] = PyArray_SimpleNew (3, dims, NPY_FLOAT64)) != NULL;
  if (ok)
    {
      double *out[6] = { NULL };
      for (int k = 0; k < n_arrays; k++)
        out[k] = PyArray_DATA ((PyArrayObject *) parts[k]);
      gint32 *rd = PyArray_DATA ((PyArrayObject *) rides);
      double *wd = PyArray_DATA ((PyArrayObject *) within);
      gsize i = 0;
      for (guint p = 0; p < np; p++)
        {
          gboolean hp = tnet_commute_has_parts (c, p);
          if (!want_parts)
            for (guint o = 0; o < no; o++)
              for (guint d = 0; d < nd; d++, i++)
                out[0][i] = ms_to_min (tnet_commute_cell (c, p, o, d)->total_ms);
          else
          for (guint o = 0; o < no; o++)
            for (guint d = 0; d < nd; d++, i++)
              {
                const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
                gboolean reached = cell->total_ms != TNET_WEIGHT_INF;
                out[0][i] = ms_to_min (cell->total_ms);
                TnetWeight pm[5] = { cell->access_ms, cell->wait_ms, cell->in_vehicle_ms,
                                     cell->transfer_ms, cell->egress_ms };
                for (int k = 0; k < 5; k++)
                  out[k + 1][i] = reached && hp ? ms_to_min (pm[k]) : NAN;
                rd[i] = hp ? (gint32) cell->n_rides : -1;
              }
          double *w = wd + (gsize) p * (nd + 1);
          if (want_parts)
            commute_within (c, net, p, w);
          else
            for (guint d = 0; d <= nd; d++)
              w[d] = NAN;
          PyList_SET_ITEM (has_parts, p, PyBool_FromLong (hp));
          PyList_SET_ITEM (profile_names, p,
                           PyUnicode_FromString (tnet_profile_to_string (tnet_commute_profile (c, p))));
          PyList_SET_ITEM (methods, p,
                           PyUnicode_FromString (tnet_commute_method_to_string (tnet_commute_method (c, p))));
        }
      PyObject *o_ids = id_list (net, (TnetId *) (void *) origins->data, no);
      PyObject *d_ids = id_list (net, (TnetId *) (void *) dests->data, nd);
      if (o_ids && d_ids)
        {
          result = Py_BuildValue ("{s:i,s:s,s:d,s:N,s:N,s:N,s:N,s:N,s:d,s:N}",
                                  "scenario", year, "direction", direction,
                                  "budget_min", tnet_weight_to_min (tnet_commute_budget_ms (c)),
                                  "profiles", profile_names, "methods", methods,
                                  "has_parts", has_parts, "origins", o_ids,
                                  "destinations", d_ids,
                                  "population_total", tnet_commute_population_total (c),
                                  "population_within", within);
          profile_names = methods = has_parts = within = NULL;
          for (int k = 0; result && k < n_arrays; k++)
            {
              if (PyDict_SetItemString (result, part_names[k], parts[k]) < 0)
                Py_CLEAR (result);
            }
          if (result && want_parts && PyDict_SetItemString (result, "rides", rides) < 0)
            Py_CLEAR (result);
        }
      else
        {
          Py_XDECREF (o_ids);
          Py_XDECREF (d_ids);
        }
    }
  for (int k = 0; k < 6; k++)
    Py_XDECREF (parts[k]);
  Py_XDECREF (rides);
  Py_XDECREF (has_parts);
  Py_XDECREF (profile_names);
  Py_XDECREF (methods);
  Py_XDECREF (within);
  return result;
}

/* Whether @profiles holds @p. */
static gboolean
has_profile (const GArray *profiles, TnetProfile p)
{
  for (guint i = 0; i < profiles->len; i++)
    if (g_array_index (profiles, TnetProfile, i) == p)
      return TRUE;
  return FALSE;
}

/* Dataset.commute(): tnet_commute_compute_within() on the cached graphs;
 * with timetable=True transit and park_and_ride follow the scenario year's
 * timetable as `tnet commute` does by default (commute_add_timetable()). */
static PyObject *
dataset_commute (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "origins", "destinations", "profiles",
                            "budget", "direction", "method", "progress", "parts",
                            "timetable", "depart_s", "window_min", "percentiles",
                            "max_walk_min", "date", "frequency_seed", "drive_budget_min",
                            "park_min", "parking_radius_m", NULL };
  int year = 2025, want_parts = 1;
  PyObject *closures = Py_None, *origins_obj = NULL, *dests_obj = NULL, *profiles_obj = NULL;
  double budget = 60;
  const char *direction = "to", *method_s = "auto";
  g_auto (Progress) prog = { 0 };
  TimetableArgs ta = TIMETABLE_ARGS_INIT;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOOOO|dssOppiiOiIIiid", kwlist, &year,
                                    &closures, &origins_obj, &dests_obj, &profiles_obj, &budget,
                                    &direction, &method_s, &prog.callable, &want_parts, &ta.on,
                                    &ta.depart_s, &ta.window_min, &ta.pcts, &ta.max_walk_min,
                                    &ta.date, &ta.seed, &ta.drive_min, &ta.park_min,
                                    &ta.radius_m))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  GError *error = NULL;
  TnetCommuteDirection dir;
  TnetCommuteMethod method;
  if (strcmp (direction, "to") == 0)
    dir = TNET_COMMUTE_TO;
  else if (strcmp (direction, "from") == 0)
    dir = TNET_COMMUTE_FROM;
  else
    return PyErr_Format (PyExc_ValueError, "direction: expected 'to' or 'from', got '%s'",
                         direction);
  if (!tnet_commute_method_from_string (method_s, &method))
    return PyErr_Format (PyExc_ValueError, "method: expected auto, search or m2m, got '%s'",
                         method_s);
  if (!(budget >= 0) || !isfinite (budget))
    return PyErr_Format (PyExc_ValueError, "budget: expected a non-negative number of minutes");
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return fail (NULL, error);
  g_autoptr (GArray) profiles = g_array_new (FALSE, FALSE, sizeof (TnetProfile));
  g_autoptr (GArray) origins = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) dests = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!parse_profiles (profiles_obj, profiles, &error)
      || !select_nodes (net, origins_obj, origins, &error)
      || !select_nodes (net, dests_obj, dests, &error))
    return error ? fail (NULL, error) : NULL;

  guint np = profiles->len;
  TnetCommuteOptions copts;
  tnet_commute_options_init (&copts);
  copts.method = method;
  copts.totals_only = !want_parts;
  progress_attach (&prog, &copts.progress, &copts.progress_data, &copts.cancellable);
  /* transit and park_and_ride by the timetable, as the command by default */
  TimetableRun run = { 0 };
  gboolean park = has_profile (profiles, TNET_PROFILE_PARK_AND_RIDE);
  if (ta.on && (park || has_profile (profiles, TNET_PROFILE_TRANSIT)))
    {
      if (!timetable_run_setup (self, year, closures, &ta, park, &run))
        return NULL;
      copts.timetable = run.tt;
      copts.depart_s = ta.depart_s;
      copts.window_ms = tnet_weight_from_min ((guint) ta.window_min);
      copts.percentiles = run.pcts;
      copts.n_percentiles = run.n_pcts;
      copts.max_walk_ms = tnet_weight_from_min ((guint) ta.max_walk_min);
      copts.park_ride = run.pr;
    }
  TnetCommute *c = NULL;
  g_autofree TnetMultimodal **graphs = g_new0 (TnetMultimodal *, np);
  Py_BEGIN_ALLOW_THREADS
  if (build_graphs (self, scen, (TnetProfile *) (void *) profiles->data, np, graphs,
                    &error))
    {
      c = tnet_commute_compute_within (net, graphs, np, (TnetId *) (void *) origins->data,
                                       origins->len, (TnetId *) (void *) dests->data,
                                       dests->len, dir, tnet_weight_from_min (budget), &copts,
                                       &error);
      for (guint p = 0; p < np; p++)
        tnet_multimodal_unref (graphs[p]);
    }
  Py_END_ALLOW_THREADS
  if (c == NULL)
    {
      timetable_run_clear (&run);
      return fail (&prog, error);
    }
  PyObject *result = commute_result (c, net, year, direction, want_parts, origins, dests);
  /* the totals alone (parts=False, travel_time_matrix()'s network matrix)
   * need nothing more */
  if (result && (want_parts || run.tt) && !commute_add_timetable (result, c, &run))
    Py_CLEAR (result);
  timetable_run_clear (&run);
  tnet_commute_free (c);
  return result;
}

/* ------------------------------------------------------------ isochrone */

static gboolean parse_places_points (const TnetNetwork *net, PyObject *obj, GArray *nodes,
                                     GArray *lonlat, GError **error);
static gboolean snap_places (const TnetNetwork *net, const TnetScenario *scen,
                             const GArray *lonlat, guint **first, TnetAccessCandidate **cand,
                             GError **error);
static TnetWeight access_ms (TnetWeight time_ms);

/* The sources of an isochrone: a place spec (select_nodes()), or a list of
 * node ids and (lon, lat) pairs (parse_places_points()). @nodes gets the
 * nodes (TNET_ID_NONE for a point), @lonlat the points' coordinates. */
static gboolean
isochrone_places (const TnetNetwork *net, PyObject *obj, GArray *nodes, GArray *lonlat,
                  GError **error)
{
  if (PyUnicode_Check (obj))
    return select_nodes (net, obj, nodes, error);
  return parse_places_points (net, obj, nodes, lonlat, error);
}

/* Per network node, the earliest time from any of the places @nodes
 * (isochrone_places()) within @budget_ms: a node starts at 0, a point on
 * the access links tnet init would give a zone there, each at its access
 * time (tnet_isochrone_compute_offsets()). A point with no access link is
 * an error (TNET_ERROR_NOT_FOUND, naming it): it could start nowhere. */
static gboolean
isochrone_from_places (const TnetNetwork *net, const TnetScenario *scen,
                       const TnetMultimodal *mm, const GArray *nodes, const GArray *lonlat,
                       TnetWeight budget_ms, TnetWeight *ms, GError **error)
{
  g_autofree guint *first = NULL;
  g_autofree TnetAccessCandidate *cand = NULL;
  if (!snap_places (net, scen, lonlat, &first, &cand, error))
    return FALSE;
  guint np = lonlat->len / 2, n = nodes->len - np + first[np];
  g_autofree TnetId *starts = g_new (TnetId, MAX (n, 1));
  g_autofree TnetWeight *offsets = g_new (TnetWeight, MAX (n, 1));
  guint k = 0;
  for (guint i = 0, pt = 0; i < nodes->len; i++)
    {
      TnetId v = g_array_index (nodes, TnetId, i);
      if (v != TNET_ID_NONE)
        {
          starts[k] = v;
          offsets[k++] = 0;
          continue;
        }
      if (first[pt] == first[pt + 1])
        {
          const double *ll = &g_array_index (lonlat, double, 2 * pt);
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "point (%.6f, %.6f): no street node within tnet init's access "
                       "distance, so no access link to start from", ll[0], ll[1]);
          return FALSE;
        }
      for (guint c = first[pt]; c < first[pt + 1]; c++)
        {
          starts[k] = cand[c].node;
          offsets[k++] = access_ms (cand[c].time_ms);
        }
      pt++;
    }
  tnet_isochrone_compute_offsets (mm, net, starts, offsets, k, budget_ms, ms);
  return TRUE;
}

/* Per network node, the time by the timetable of @run from the places
 * @nodes (isochrone_places()) within @budget_ms, as `tnet isochrone
 * --profile transit` by default: the @ta percentile (its first; default
 * 50) of the travel time over the window, from the sources' coordinates
 * (a point's own) to every node's (tnet_timetable_isochrone());
 * with a park-and-ride in @run, tnet_park_ride_isochrone() from the source
 * nodes (a point is then an error, TNET_ERROR_UNSUPPORTED). No GIL
 * needed. */
static gboolean
isochrone_timetable (const TnetNetwork *net, const TimetableRun *run, const TimetableArgs *ta,
                     const GArray *nodes, const GArray *lonlat, TnetWeight budget_ms,
                     TnetWeight *ms, GError **error)
{
  guint n = tnet_network_n_nodes (net), ns = nodes->len;
  g_autofree double *src = g_new (double, 2 * MAX (ns, 1u));
  g_autofree double *places = g_new (double, 2 * MAX (n, 1u));
  g_autofree gint32 *sec = g_new (gint32, MAX (n, 1u));
  for (guint i = 0, pt = 0; i < ns; i++)
    {
      TnetId v = g_array_index (nodes, TnetId, i);
      if (v == TNET_ID_NONE && run->pr)
        {
          const double *ll = &g_array_index (lonlat, double, 2 * pt);
          g_set_error (error, TNET_ERROR, TNET_ERROR_UNSUPPORTED,
                       "point (%.6f, %.6f): park-and-ride by the timetable starts from "
                       "nodes; give a node id", ll[0], ll[1]);
          return FALSE;
        }
      const double *ll = v == TNET_ID_NONE ? &g_array_index (lonlat, double, 2 * pt++) : NULL;
      src[2 * i] = ll ? ll[0] : tnet_network_node (net, v)->lon;
      src[2 * i + 1] = ll ? ll[1] : tnet_network_node (net, v)->lat;
    }
  for (TnetId v = 0; v < n; v++)
    {
      places[2 * v] = tnet_network_node (net, v)->lon;
      places[2 * v + 1] = tnet_network_node (net, v)->lat;
    }
  TnetWeight max_walk_ms = tnet_weight_from_min ((guint) ta->max_walk_min);
  guint n_min = MAX ((guint) ta->window_min, 1u);
  gboolean ok = run->pr
    ? tnet_park_ride_isochrone (run->pr, net, (const TnetId *) (void *) nodes->data, ns,
                                places, n, max_walk_ms, ta->depart_s, n_min, run->pcts, 1, sec,
                                NULL, error)
    : tnet_timetable_isochrone (run->tt, src, ns, places, n, max_walk_ms, ta->depart_s, n_min,
                                run->pcts, 1, sec, NULL, error);
  if (!ok)
    return FALSE;
  for (TnetId v = 0; v < n; v++)
    ms[v] = sec[v] == TNET_RAPTOR_UNREACHED || (TnetWeight) sec[v] * 1000 > budget_ms
            ? TNET_WEIGHT_INF : (TnetWeight) sec[v] * 1000;
  return TRUE;
}

/* Per network node, the time from @sources within @budget_ms by
 * @profile: by the timetable of @run when it has one
 * (isochrone_timetable()), else on the profile's graph
 * (isochrone_from_places()). No GIL needed. */
static gboolean
isochrone_ms (DatasetObject *self, const TnetScenario *scen, TnetProfile profile,
              const TimetableRun *run, const TimetableArgs *ta, const GArray *sources,
              const GArray *lonlat, TnetWeight budget_ms, TnetWeight *ms, GError **error)
{
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  if (run->tt)
    return isochrone_timetable (net, run, ta, sources, lonlat, budget_ms, ms, error);
  TnetMultimodal *mm = NULL;
  if (!build_graphs (self, scen, &profile, 1, &mm, error))
    return FALSE;
  gboolean ok = isochrone_from_places (net, scen, mm, sources, lonlat, budget_ms, ms, error);
  tnet_multimodal_unref (mm);
  return ok;
}

/* The timetable of an isochrone by @profile when @ta asks for one (not
 * for car): isochrone_ms()'s @run, one percentile (default 50). FALSE
 * with an exception set. */
static gboolean
isochrone_run_setup (DatasetObject *self, int year, PyObject *closures, TnetProfile profile,
                     TimetableArgs *ta, TimetableRun *run)
{
  memset (run, 0, sizeof *run);
  if (!ta->on || profile == TNET_PROFILE_CAR)
    return TRUE;
  PyObject *dflt = ta->pcts ? NULL : Py_BuildValue ("[d]", 50.0);
  if (ta->pcts == NULL && dflt == NULL)
    return FALSE;
  TimetableArgs one = *ta;
  one.pcts = ta->pcts ? ta->pcts : dflt;
  gboolean ok = timetable_run_setup (self, year, closures, &one,
                                     profile == TNET_PROFILE_PARK_AND_RIDE, run);
  Py_XDECREF (dflt);
  return ok;
}

/* Dataset.isochrone(year, closures, sources, minutes, profile) -> float64
 * array of minutes per network node (NaN beyond the budget). @sources: a
 * place spec, or node ids and (lon, lat) points, a point starting on its
 * access links (isochrone_from_places()). */
static PyObject *
dataset_isochrone (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "sources", "minutes", "profile", "timetable",
                            "depart_s", "window_min", "percentiles", "max_walk_min", "date",
                            "frequency_seed", "drive_budget_min", "park_min",
                            "parking_radius_m", NULL };
  int year;
  PyObject *closures, *sources_obj;
  double minutes;
  const char *profile_s = "car";
  TimetableArgs ta = TIMETABLE_ARGS_INIT;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOOd|spiiOiIIiid", kwlist, &year, &closures,
                                    &sources_obj, &minutes, &profile_s, &ta.on, &ta.depart_s,
                                    &ta.window_min, &ta.pcts, &ta.max_walk_min, &ta.date,
                                    &ta.seed, &ta.drive_min, &ta.park_min, &ta.radius_m))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  GError *error = NULL;
  TnetProfile profile;
  if (!tnet_profile_from_string (profile_s, &profile))
    return PyErr_Format (PyExc_ValueError, "profile: expected car, transit or park_and_ride, "
                         "got '%s'", profile_s);
  if (!(minutes > 0) || !isfinite (minutes) || minutes > 24 * 60)
    return PyErr_Format (PyExc_ValueError, "minutes: expected a positive number up to 1440");
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return fail (NULL, error);
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  if (!isochrone_places (net, sources_obj, sources, lonlat, &error))
    return error ? fail (NULL, error) : NULL;
  TimetableRun run;
  if (!isochrone_run_setup (self, year, closures, profile, &ta, &run))
    return NULL;
  guint n = tnet_network_n_nodes (net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, MAX (n, 1));
  gboolean ok;
  Py_BEGIN_ALLOW_THREADS
  ok = isochrone_ms (self, scen, profile, &run, &ta, sources, lonlat,
                     (TnetWeight) llround (minutes * 60000.0), ms, &error);
  Py_END_ALLOW_THREADS
  timetable_run_clear (&run);
  if (!ok)
    return fail (NULL, error);
  npy_intp dim = n;
  PyObject *a = PyArray_SimpleNew (1, &dim, NPY_FLOAT64);
  if (a)
    for (guint v = 0; v < n; v++)
      ((double *) PyArray_DATA ((PyArrayObject *) a))[v] = ms_to_min (ms[v]);
  return a;
}

/* Dataset.isochrone_bands(year, closures, sources, cutoffs, profile='car',
 * walk_kmh=5, max_walk_m=1000, simplify_m=10) -> dict: "geojson", the
 * FeatureCollection of `tnet isochrone --polygons` (one MultiPolygon per
 * cutoff, with the zone sums of the folder's zones.csv, else of its zone
 * nodes), and "area_km2", the bands' areas unrounded (float64). @sources
 * as Dataset.isochrone(). */
static PyObject *
dataset_isochrone_bands (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "sources", "cutoffs", "profile", "walk_kmh",
                            "max_walk_m", "simplify_m", "timetable", "depart_s", "window_min",
                            "percentiles", "max_walk_min", "date", "frequency_seed",
                            "drive_budget_min", "park_min", "parking_radius_m", NULL };
  int year;
  PyObject *closures, *sources_obj, *cutoffs_obj;
  const char *profile_s = "car";
  TnetIsochroneOptions iopts;
  tnet_isochrone_options_init (&iopts);
  TimetableArgs ta = TIMETABLE_ARGS_INIT;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOOO|sdddpiiOiIIiid", kwlist, &year,
                                    &closures, &sources_obj, &cutoffs_obj, &profile_s,
                                    &iopts.off_network_kmh, &iopts.max_radius_m,
                                    &iopts.simplify_m, &ta.on, &ta.depart_s, &ta.window_min,
                                    &ta.pcts, &ta.max_walk_min, &ta.date, &ta.seed,
                                    &ta.drive_min, &ta.park_min, &ta.radius_m))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  TnetProfile profile;
  if (!tnet_profile_from_string (profile_s, &profile))
    return PyErr_Format (PyExc_ValueError, "profile: expected car, transit or park_and_ride, "
                         "got '%s'", profile_s);
  PyObject *seq = PySequence_Fast (cutoffs_obj, "cutoffs: expected a list of minutes");
  if (seq == NULL)
    return NULL;
  guint nb = (guint) PySequence_Fast_GET_SIZE (seq);
  g_autofree double *cutoffs = g_new (double, MAX (nb, 1));
  for (guint i = 0; i < nb; i++)
    {
      cutoffs[i] = PyFloat_AsDouble (PySequence_Fast_GET_ITEM (seq, i));
      if (cutoffs[i] == -1 && PyErr_Occurred ())
        {
          Py_DECREF (seq);
          return NULL;
        }
      if (!(cutoffs[i] > 0) || cutoffs[i] > 24 * 60 || (i > 0 && !(cutoffs[i] > cutoffs[i - 1])))
        {
          Py_DECREF (seq);
          return PyErr_Format (PyExc_ValueError, "cutoffs: expected increasing minutes in "
                               "(0, 1440]");
        }
    }
  Py_DECREF (seq);
  if (nb == 0)
    return PyErr_Format (PyExc_ValueError, "cutoffs: expected at least one cutoff in minutes");
  /* Python speaks minutes (checked above); the library ms */
  g_autofree TnetWeight *cutoffs_ms = g_new (TnetWeight, nb);
  for (guint i = 0; i < nb; i++)
    cutoffs_ms[i] = tnet_weight_from_min (cutoffs[i]);
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return fail (NULL, error);
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  if (!isochrone_places (net, sources_obj, sources, lonlat, &error))
    return error ? fail (NULL, error) : NULL;
  TimetableRun run;
  if (!isochrone_run_setup (self, year, closures, profile, &ta, &run))
    return NULL;
  /* one leaves a transit journey at its stops only (as the command; so
   * park-and-ride by the timetable too) */
  if (profile == TNET_PROFILE_TRANSIT || (run.tt && profile == TNET_PROFILE_PARK_AND_RIDE))
    iopts.interior_modes = 0;
  guint n = tnet_network_n_nodes (net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, MAX (n, 1));
  g_autofree double *areas = g_new (double, nb);
  char *text = NULL;
  Py_BEGIN_ALLOW_THREADS
  gboolean started = isochrone_ms (self, scen, profile, &run, &ta, sources, lonlat,
                                   cutoffs_ms[nb - 1], ms, &error);
  TnetIsochroneBands *bands = started ? tnet_isochrone_bands_new (net, scen, ms, cutoffs_ms, nb,
                                                                  &iopts, &error)
                                      : NULL;
  if (bands)
    {
      for (guint i = 0; i < nb; i++)
        areas[i] = tnet_isochrone_bands_area_km2 (bands, i);
      text = tnet_isochrone_bands_to_geojson (bands, net, tnet_dataset_get_zones (self->ds));
      tnet_isochrone_bands_free (bands);
    }
  Py_END_ALLOW_THREADS
  timetable_run_clear (&run);
  if (text == NULL)
    return fail (NULL, error);
  PyObject *r = Py_BuildValue ("{s:s,s:N}", "geojson", text, "area_km2",
                               new_vector (areas, nb));
  g_free (text);
  return r;
}

/* --------------------------------------------------------- accessibility */

static TnetTimetable *timetable_setup (DatasetObject *self, int year, PyObject *closures,
                                       int depart_s, int window_min, int max_walk_min,
                                       PyObject *pcts_obj, guint date, guint seed,
                                       double **pcts, guint *n_pcts, char **feed_name,
                                       TnetFeed **feed);
static TnetParkRide *park_ride_setup (DatasetObject *self, int year, PyObject *closures,
                                      TnetTimetable *tt, int drive_min, int park_min,
                                      double radius_m);

/* The zones of a folder's zones.csv for accessibility: their nodes, the
 * opportunity column and the population weights (NULL when the table has
 * no such column and none was asked for). */
typedef struct
{
  TnetZoneTable *table;
  char *path;           /* zones.csv */
  double *opp;          /* n values of the opportunity column */
  double *pop;          /* n weights, or NULL */
  TnetId *ids;          /* n network nodes, the zones' */
  guint n;
} AccZones;

static void
acc_zones_clear (AccZones *z)
{
  tnet_zone_table_free (z->table);
  g_free (z->path);
  g_free (z->opp);
  g_free (z->pop);
  g_free (z->ids);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccZones, acc_zones_clear)

static gboolean
acc_zones_load (const TnetNetwork *net, const char *opp, const char *pop_col, AccZones *z,
                GError **error)
{
  z->path = g_build_filename (tnet_network_get_dir (net), "zones.csv", NULL);
  if ((z->table = tnet_zone_table_load (z->path, error)) == NULL)
    return FALSE;
  const char *pc = pop_col ? pop_col : "population";
  gboolean want_pop = pop_col || tnet_zone_table_column (z->table, pc) >= 0;
  if (!(z->opp = tnet_zone_table_values (z->table, opp, error))
      || (want_pop && !(z->pop = tnet_zone_table_values (z->table, pc, error))))
    {
      g_prefix_error (error, "%s: ", z->path);
      return FALSE;
    }
  z->n = tnet_zone_table_n_zones (z->table);
  z->ids = g_new (TnetId, MAX (z->n, 1));
  for (guint i = 0; i < z->n; i++)
    if ((z->ids[i] = tnet_network_find_node (net, tnet_zone_table_id (z->table, i)))
        == TNET_ID_NONE)
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                     "%s: zone \"%s\" is not a node of nodes.csv", z->path,
                     tnet_zone_table_id (z->table, i));
        return FALSE;
      }
  return TRUE;
}

/* The rows of zone origins: every zone, or the zones of @origins (zone
 * ids, in that order). Returns the count, or -1 with an exception set. */
static gssize
acc_zone_rows (const AccZones *z, PyObject *origins, guint **rows)
{
  if (origins == Py_None)
    {
      *rows = g_new (guint, MAX (z->n, 1));
      for (guint i = 0; i < z->n; i++)
        (*rows)[i] = i;
      return z->n;
    }
  PyObject *seq = PySequence_Fast (origins, "origins: expected a list of zone ids");
  if (seq == NULL)
    return -1;
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < z->n; i++)
    g_hash_table_insert (index, (gpointer) tnet_zone_table_id (z->table, i),
                         GUINT_TO_POINTER (i + 1));
  Py_ssize_t n = PySequence_Fast_GET_SIZE (seq);
  g_autofree guint *out = g_new (guint, MAX (n, 1));
  for (Py_ssize_t i = 0; i < n; i++)
    {
      const char *zid = PyUnicode_AsUTF8 (PySequence_Fast_GET_ITEM (seq, i));
      guint k = zid ? GPOINTER_TO_UINT (g_hash_table_lookup (index, zid)) : 0;
      if (k == 0)
        {
          if (zid)
            PyErr_Format (PyExc_ValueError, "origins: \"%s\" is not a zone of %s", zid,
                          z->path);
          Py_DECREF (seq);
          return -1;
        }
      out[i] = k - 1;
    }
  Py_DECREF (seq);
  *rows = g_steal_pointer (&out);
  return n;
}

/* Travel times in ms of a float64 matrix of minutes [@nr, @nz] (NaN: not
 * reached), or NULL with an exception set. */
static TnetWeight *
acc_minutes_ms (PyObject *obj, guint nr, guint nz)
{
  PyArrayObject *a = (PyArrayObject *) PyArray_FROMANY (obj, NPY_FLOAT64, 2, 2,
                                                        NPY_ARRAY_IN_ARRAY);
  if (a == NULL)
    return NULL;
  if ((guint) PyArray_DIM (a, 0) != nr || (guint) PyArray_DIM (a, 1) != nz)
    {
      PyErr_Format (PyExc_ValueError, "minutes: expected %u rows of %u zones", nr, nz);
      Py_DECREF (a);
      return NULL;
    }
  const double *m = PyArray_DATA (a);
  TnetWeight *ms = g_new (TnetWeight, MAX ((gsize) nr * nz, 1));
  for (gsize i = 0; i < (gsize) nr * nz; i++)
    ms[i] = !(m[i] >= 0) || m[i] * 60000.0 >= (double) TNET_WEIGHT_INF
              ? TNET_WEIGHT_INF
              : (TnetWeight) llround (m[i] * 60000.0);
  Py_DECREF (a);
  return ms;
}

/* The result dict of Dataset.accessibility(): rows labelled @labels
 * (stolen), weights @row_pop (nullable). */
static PyObject *
acc_result (TnetAccessibility *acc, const AccZones *z, const char *opp, TnetProfile profile,
            PyObject *labels, const double *row_pop, const char *model, const char *feed,
            guint date)
{
  guint nr = tnet_accessibility_n_origins (acc), nc = tnet_accessibility_n_cutoffs (acc);
  npy_intp dims[2] = { nr, nc };
  PyObject *values = PyArray_SimpleNew (2, dims, NPY_FLOAT64);
  PyObject *all = PyList_New (z->n);
  g_autofree double *cutoffs = g_new (double, MAX (nc, 1));
  g_autofree double *means = g_new (double, MAX (nc, 1));
  for (guint c = 0; c < nc; c++)
    {
      cutoffs[c] = tnet_weight_to_min (tnet_accessibility_cutoff_ms (acc, c));
      means[c] = tnet_accessibility_mean (acc, c);
    }
  PyObject *result = NULL;
  for (guint i = 0; all && i < z->n; i++)
    {
      PyObject *s = PyUnicode_FromString (tnet_zone_table_id (z->table, i));
      if (s == NULL)
        Py_CLEAR (all);
      else
        PyList_SET_ITEM (all, i, s);
    }
  if (values && all)
    {
      double *vd = PyArray_DATA ((PyArrayObject *) values);
      for (guint r = 0; r < nr; r++)
        for (guint c = 0; c < nc; c++)
          vd[(gsize) r * nc + c] = tnet_accessibility_value (acc, r, c);
      PyObject *weights = row_pop ? new_vector (row_pop, nr) : Py_NewRef (Py_None);
      result = Py_BuildValue ("{s:s,s:s,s:d,s:N,s:N,s:O,s:O,s:N,s:O,s:s,s:z,s:I}",
                              "opportunities", opp, "profile", tnet_profile_to_string (profile),
                              "total", tnet_accessibility_total (acc),
                              "cutoffs_min", new_vector (cutoffs, nc),
                              "mean_population_weighted", new_vector (means, nc),
                              "zones", labels, "values", values, "population", weights,
                              "all_zones", all, "model", model, "feed", feed, "date", date);
    }
  Py_XDECREF (values);
  Py_XDECREF (all);
  Py_DECREF (labels);
  return result;
}

/* Zone origins (@origins: None, every zone, or zone ids): the library's
 * accessibility over the zones, by @tt's timetable when set. */
static TnetAccessibility *
acc_compute_zones (DatasetObject *self, const TnetScenario *scen, TnetProfile profile,
                   const AccZones *z, const guint *rows, guint nr, const TnetWeight *cutoffs,
                   guint nc, TnetCommuteOptions *copts, double *row_pop, Progress *prog,
                   GError **error)
{
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autofree TnetId *row_ids = g_new (TnetId, MAX (nr, 1));
  for (guint r = 0; r < nr; r++)
    {
      row_ids[r] = z->ids[rows[r]];
      if (row_pop)
        row_pop[r] = z->pop[rows[r]];
    }
  TnetAccessibility *acc = NULL;
  progress_attach (prog, &copts->progress, &copts->progress_data, &copts->cancellable);
  Py_BEGIN_ALLOW_THREADS
  TnetMultimodal *mm = NULL;
  if (build_graphs (self, scen, &profile, 1, &mm, error))
    {
      acc = tnet_accessibility_compute_origins (net, mm, row_ids, nr, z->ids, z->n, z->opp,
                                                row_pop, cutoffs, nc, copts, error);
      tnet_multimodal_unref (mm);
    }
  Py_END_ALLOW_THREADS
  return acc;
}

/* Dataset.zone_ids() -> the ids of the folder's zones.csv, in its order
 * (the columns of accessibility()'s minutes). */
static PyObject *
dataset_zone_ids (DatasetObject *self, PyObject *unused)
{
  if (!check_loaded (self))
    return NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  GError *error = NULL;
  g_autofree char *path = g_build_filename (tnet_network_get_dir (net), "zones.csv", NULL);
  g_autoptr (TnetZoneTable) zones = tnet_zone_table_load (path, &error);
  if (zones == NULL)
    return fail (NULL, error);
  guint n = tnet_zone_table_n_zones (zones);
  PyObject *out = PyList_New (n);
  for (guint i = 0; out && i < n; i++)
    {
      PyObject *s = PyUnicode_FromString (tnet_zone_table_id (zones, i));
      if (s == NULL)
        Py_CLEAR (out);
      else
        PyList_SET_ITEM (out, i, s);
    }
  return out;
}

/* Dataset.accessibility(year, closures, opportunities, cutoffs, profile,
 * population, progress, origins, minutes, depart_s, window_min,
 * percentile, max_walk_min, date, frequency_seed, drive_budget_min,
 * park_min, parking_radius_m) -> dict. Rows: every zone, or the zone ids
 * of @origins; with @minutes (float64 [origin, zone of zones.csv], NaN:
 * not reached), the rows are those travel times and @origins their labels
 * (weights 1). @depart_s >= 0: transit or park_and_ride (with the
 * park-and-ride options) by the timetable (the library's, as `tnet
 * accessibility --depart`). */
static PyObject *
dataset_accessibility (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "opportunities", "cutoffs", "profile",
                            "population", "progress", "origins", "minutes", "depart_s",
                            "window_min", "percentile", "max_walk_min", "date",
                            "frequency_seed", "drive_budget_min", "park_min",
                            "parking_radius_m", NULL };
  int year, depart_s = -1, window_min = 0, max_walk_min = 15, drive_min = 30, park_min = 5;
  unsigned int date = 0, seed = 0;
  double percentile = 50, radius_m = 400;
  PyObject *closures, *cutoffs_obj, *origins_obj = Py_None, *minutes_obj = Py_None;
  const char *opp, *profile_s = "car", *pop_col = NULL;
  g_auto (Progress) prog = { 0 };
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOsO|szOOOiidiIIiid", kwlist, &year,
                                    &closures, &opp, &cutoffs_obj, &profile_s, &pop_col,
                                    &prog.callable, &origins_obj, &minutes_obj, &depart_s,
                                    &window_min, &percentile, &max_walk_min, &date, &seed,
                                    &drive_min, &park_min, &radius_m))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  TnetProfile profile;
  /* park-and-ride by the timetable only (the layered graph's is not offered) */
  if (!tnet_profile_from_string (profile_s, &profile)
      || (profile == TNET_PROFILE_PARK_AND_RIDE && depart_s < 0 && minutes_obj == Py_None))
    return PyErr_Format (PyExc_ValueError, "profile: expected car or transit, or "
                         "park_and_ride by the timetable, got '%s'", profile_s);
  if (depart_s >= 0 && profile == TNET_PROFILE_CAR)
    return PyErr_Format (PyExc_ValueError, "depart: the timetable is for profiles transit "
                         "and park_and_ride");
  PyObject *cut_seq = PySequence_Fast (cutoffs_obj, "cutoffs: expected a list of minutes");
  if (cut_seq == NULL)
    return NULL;
  guint nc = (guint) PySequence_Fast_GET_SIZE (cut_seq);
  /* minutes to ms; one that is not positive becomes 0, which the library
   * refuses as out of range */
  g_autofree TnetWeight *cutoffs = g_new (TnetWeight, MAX (nc, 1));
  for (guint i = 0; i < nc; i++)
    {
      double v = PyFloat_AsDouble (PySequence_Fast_GET_ITEM (cut_seq, i));
      if (v == -1 && PyErr_Occurred ())
        {
          Py_DECREF (cut_seq);
          return NULL;
        }
      cutoffs[i] = v > 0 ? tnet_weight_from_min (v) : 0;
    }
  Py_DECREF (cut_seq);
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return fail (NULL, error);
  g_auto (AccZones) z = { 0 };
  if (!acc_zones_load (net, opp, pop_col, &z, &error))
    return fail (NULL, error);
  if (minutes_obj != Py_None)
    {
      PyObject *labels = PySequence_List (origins_obj);
      if (labels == NULL)
        return NULL;
      g_autofree TnetWeight *ms = acc_minutes_ms (minutes_obj, (guint) PyList_GET_SIZE (labels),
                                                  z.n);
      if (ms == NULL)
        {
          Py_DECREF (labels);
          return NULL;
        }
      TnetAccessibility *acc = tnet_accessibility_from_matrix (
        ms, (guint) PyList_GET_SIZE (labels), z.n, z.opp, NULL, cutoffs, nc, &error);
      if (acc == NULL)
        {
          Py_DECREF (labels);
          return fail (NULL, error);
        }
      PyObject *r = acc_result (acc, &z, opp, profile, labels, NULL, "given", NULL, 0);
      tnet_accessibility_free (acc);
      return r;
    }
  g_autofree guint *rows = NULL;
  gssize nr = acc_zone_rows (&z, origins_obj, &rows);
  if (nr < 0)
    return NULL;
  TnetCommuteOptions copts;
  tnet_commute_options_init (&copts);
  if (profile == TNET_PROFILE_CAR)
    copts.method = TNET_COMMUTE_METHOD_M2M;
  TnetTimetable *tt = NULL;
  g_autoptr (TnetParkRide) pr = NULL;
  g_autofree char *feed_name = NULL;
  if (depart_s >= 0)
    {
      g_autofree double *pv = NULL;
      guint np = 0;
      PyObject *pl = Py_BuildValue ("[d]", percentile);
      if (pl)
        tt = timetable_setup (self, year, closures, depart_s, window_min, max_walk_min, pl,
                              date, seed, &pv, &np, &feed_name, NULL);
      Py_XDECREF (pl);
      if (tt == NULL)
        return NULL;
      if (profile == TNET_PROFILE_PARK_AND_RIDE
          && (pr = park_ride_setup (self, year, closures, tt, drive_min, park_min, radius_m))
             == NULL)
        {
          tnet_timetable_unref (tt);
          return NULL;
        }
      copts.park_ride = pr;
      copts.timetable = tt;
      copts.depart_s = depart_s;
      copts.window_ms = tnet_weight_from_min ((guint) window_min);
      copts.max_walk_ms = tnet_weight_from_min ((guint) max_walk_min);
      copts.timetable_percentile = percentile;
    }
  g_autofree double *row_pop = z.pop ? g_new (double, MAX (nr, 1)) : NULL;
  TnetAccessibility *acc = acc_compute_zones (self, scen, profile, &z, rows, (guint) nr,
                                              cutoffs, nc, &copts, row_pop, &prog, &error);
  guint service_date = tt ? tnet_timetable_get_service_date (tt) : 0;
  g_clear_pointer (&pr, tnet_park_ride_free);
  if (tt)
    tnet_timetable_unref (tt);
  if (acc == NULL)
    return fail (&prog, error);
  PyObject *labels = PyList_New (nr);
  for (gssize r = 0; labels && r < nr; r++)
    {
      PyObject *s = PyUnicode_FromString (tnet_zone_table_id (z.table, rows[r]));
      if (s == NULL)
        Py_CLEAR (labels);
      else
        PyList_SET_ITEM (labels, r, s);
    }
  const char *model = profile == TNET_PROFILE_CAR ? "network"
                      : tt ? "timetable" : "frequency approximation";
  PyObject *r = labels ? acc_result (acc, &z, opp, profile, labels, row_pop, model, feed_name,
                                     service_date)
                       : NULL;
  tnet_accessibility_free (acc);
  return r;
}

/* ---------------------------------------------------------------- route */

/* One end of a route: a node or stop id, or a point that starts (or ends)
 * on the access links tnet init would give a zone there. */
typedef struct
{
  const char *id;              /* the node or stop id; NULL for a point */
  double ll[2];                /* the point's lon, lat */
  char label[64];              /* "lon,lat" of a point, as the matrices name it */
  guint *first;                /* the point's candidates (snap_places()) */
  TnetAccessCandidate *cand;
} RouteEnd;

static void
route_end_clear (RouteEnd *e)
{
  g_free (e->first);
  g_free (e->cand);
}

/* @obj: a str, or a (lon, lat) pair. FALSE with an exception set. */
static gboolean
route_end_parse (PyObject *obj, const char *what, RouteEnd *e)
{
  if (PyUnicode_Check (obj))
    return (e->id = PyUnicode_AsUTF8 (obj)) != NULL;
  if (!PyTuple_Check (obj) || !PyArg_ParseTuple (obj, "dd", &e->ll[0], &e->ll[1]))
    {
      PyErr_Clear ();
      PyErr_Format (PyExc_TypeError, "%s: expected a node or stop id or a (lon, lat) pair",
                    what);
      return FALSE;
    }
  g_snprintf (e->label, sizeof e->label, "%.6f,%.6f", e->ll[0], e->ll[1]);
  return TRUE;
}

/* Snaps a point end; an id needs nothing. A point without an access link
 * fails (TNET_ERROR_NOT_FOUND, naming it). */
static gboolean
route_end_snap (const TnetNetwork *net, const TnetScenario *scen, RouteEnd *e, GError **error)
{
  if (e->id)
    return TRUE;
  if (!tnet_network_snap_points (net, scen, NULL, e->ll, 1, &e->first, &e->cand, error))
    return FALSE;
  if (e->first[1] == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "point (%s): no street node within tnet init's access distance, so no "
                   "access link to start or end on", e->label);
      return FALSE;
    }
  return TRUE;
}

/* The journey from @a to @b on @mm: one search from @a (a point: from
 * every access link's node at the link's time), to @b (a point: the best
 * of its links' nodes plus their times). *@start_ms and *@end_ms are the
 * access links' times taken (0 for an id), *@start_node and *@end_node
 * their street nodes (TNET_ID_NONE for an id). NULL when @b is not
 * reached (no error set) or an id is unknown (error set). */
static TnetJourney *
route_journey (const TnetNetwork *net, const TnetMultimodal *mm, const RouteEnd *a, const RouteEnd *b,
               TnetWeight *start_ms, TnetWeight *end_ms, TnetId *start_node,
               TnetId *end_node, GError **error)
{
  guint na = a->id ? 1 : a->first[1];
  g_autofree TnetId *starts = g_new (TnetId, na);
  g_autofree TnetWeight *offsets = g_new0 (TnetWeight, na);
  TnetId d = TNET_ID_NONE;
  if (a->id && !tnet_multimodal_find_place (mm, a->id, &starts[0], NULL, error))
    return NULL;
  if (b->id && !tnet_multimodal_find_place (mm, b->id, NULL, &d, error))
    return NULL;
  for (guint c = 0; !a->id && c < na; c++)
    {
      starts[c] = tnet_multimodal_origin_node (mm, a->cand[c].node);
      offsets[c] = access_ms (a->cand[c].time_ms);
    }
  g_autoptr (TnetSearch) search = tnet_search_new (tnet_multimodal_get_graph (mm));
  tnet_search_run_multi (search, tnet_multimodal_get_metric (mm), starts, offsets, na,
                         TNET_FORWARD, TNET_WEIGHT_INF, d);
  *end_ms = 0;
  *end_node = TNET_ID_NONE;
  guint64 best = d != TNET_ID_NONE ? tnet_search_distance (search, d) : TNET_WEIGHT_INF;
  for (guint c = 0; !b->id && c < b->first[1]; c++)
    {
      TnetId v = tnet_multimodal_destination_node (mm, b->cand[c].node);
      TnetWeight t = tnet_search_distance (search, v);
      guint64 sum = (guint64) t + access_ms (b->cand[c].time_ms);
      if (t != TNET_WEIGHT_INF && sum < best)
        {
          best = sum;
          d = v;
          *end_ms = access_ms (b->cand[c].time_ms);
          *end_node = b->cand[c].node;
        }
    }
  if (d == TNET_ID_NONE || best >= TNET_WEIGHT_INF)
    return NULL;
  TnetJourney *j = tnet_multimodal_journey (mm, search, d);
  if (j == NULL)
    return NULL;
  /* the journey's arcs sum to its distance less the start's offset */
  *start_ms = (TnetWeight) (best - *end_ms - j->total_ms);
  *start_node = TNET_ID_NONE;
  for (guint c = 0; !a->id && c < na; c++)
    if (offsets[c] == *start_ms)
      {
        /* the link whose time was taken and whose node the first leg leaves */
        if (*start_node == TNET_ID_NONE)
          *start_node = a->cand[c].node;
        if (j->n_legs > 0
            && g_strcmp0 (j->legs[0].from, tnet_network_node (net, a->cand[c].node)->id) == 0)
          {
            *start_node = a->cand[c].node;
            break;
          }
      }
  return j;
}

/* A leg dict as Dataset.route() lists them. */
static PyObject *
route_leg (TnetLegKind kind, const char *mode, const char *line, const char *from,
           const char *to, TnetWeight ms)
{
  return Py_BuildValue ("{s:s,s:s,s:z,s:s,s:s,s:d}", "kind", tnet_leg_kind_to_string (kind),
                        "mode", mode, "line", line, "from", from, "to", to,
                        "minutes", ms / 60000.0);
}

/* The legs of @j between the access link legs of point ends (a leg when
 * *_node is set): a drive or walk as the leg it joins, of mode access.
 * Their times join the journey's parts as the journey's own first and
 * last links would (journey.c: a drive without a ride is in the vehicle,
 * otherwise access before the first ride and egress after the last). */
static PyObject *
route_legs (const TnetNetwork *net, TnetProfile profile, TnetJourney *j, const RouteEnd *a,
            const RouteEnd *b, TnetWeight start_ms, TnetWeight end_ms, TnetId start_node,
            TnetId end_node)
{
  TnetLegKind dflt = profile == TNET_PROFILE_TRANSIT ? TNET_LEG_WALK : TNET_LEG_DRIVE;
  TnetLegKind k0 = j->n_legs && j->legs[0].kind <= TNET_LEG_WALK ? j->legs[0].kind : dflt;
  TnetLegKind k1 = j->n_legs && j->legs[j->n_legs - 1].kind <= TNET_LEG_WALK
                     ? j->legs[j->n_legs - 1].kind : dflt;
  gboolean has_start = start_node != TNET_ID_NONE, has_end = end_node != TNET_ID_NONE;
  PyObject *legs = PyList_New (0);
  if (legs && has_start)
    {
      PyObject *leg = route_leg (k0, "access", NULL, a->label,
                                 tnet_network_node (net, start_node)->id, start_ms);
      if (leg == NULL || PyList_Append (legs, leg) < 0)
        Py_CLEAR (legs);
      Py_XDECREF (leg);
      j->total_ms += start_ms;
      if (k0 == TNET_LEG_DRIVE && j->n_rides == 0)
        j->in_vehicle_ms += start_ms;
      else
        j->access_ms += start_ms;
    }
  for (guint i = 0; legs && i < j->n_legs; i++)
    {
      const TnetLeg *l = &j->legs[i];
      PyObject *leg = route_leg (l->kind, tnet_mode_to_string (l->mode), l->line, l->from,
                                 l->to, l->time_ms);
      if (leg == NULL || PyList_Append (legs, leg) < 0)
        Py_CLEAR (legs);
      Py_XDECREF (leg);
    }
  if (legs && has_end)
    {
      PyObject *leg = route_leg (k1, "access", NULL, tnet_network_node (net, end_node)->id,
                                 b->label, end_ms);
      if (leg == NULL || PyList_Append (legs, leg) < 0)
        Py_CLEAR (legs);
      Py_XDECREF (leg);
      j->total_ms += end_ms;
      if (k1 == TNET_LEG_DRIVE && j->n_rides == 0)
        j->in_vehicle_ms += end_ms;
      else if (j->n_rides == 0)
        j->access_ms += end_ms;
      else
        j->egress_ms += end_ms;
    }
  return legs;
}

/* Dataset.route(year, closures, origin, destination, profile='car'): the
 * fastest journey on the profile's graph between node or stop ids, or
 * (lon, lat) points on their access links (route_journey()). */
static PyObject *
dataset_route (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "origin", "destination", "profile", NULL };
  int year;
  PyObject *closures, *from_obj, *to_obj;
  const char *profile_s = "car";
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOOO|s", kwlist, &year, &closures, &from_obj,
                                    &to_obj, &profile_s))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  TnetProfile profile;
  if (!tnet_profile_from_string (profile_s, &profile))
    return PyErr_Format (PyExc_ValueError, "profile: expected car, transit or park_and_ride, "
                         "got '%s'", profile_s);
  RouteEnd a = { 0 }, b = { 0 };
  if (!route_end_parse (from_obj, "origin", &a) || !route_end_parse (to_obj, "destination", &b))
    return NULL;
  const char *from = a.id ? a.id : a.label, *to = b.id ? b.id : b.label;
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return fail (NULL, error);
  TnetMultimodal *mm = NULL;
  TnetJourney *j = NULL;
  TnetWeight start_ms = 0, end_ms = 0;
  TnetId start_node = TNET_ID_NONE, end_node = TNET_ID_NONE;
  gboolean ok;
  Py_BEGIN_ALLOW_THREADS
  ok = route_end_snap (net, scen, &a, &error) && route_end_snap (net, scen, &b, &error)
       && build_graphs (self, scen, &profile, 1, &mm, &error);
  if (ok)
    {
      j = route_journey (net, mm, &a, &b, &start_ms, &end_ms, &start_node, &end_node, &error);
      ok = error == NULL;
    }
  Py_END_ALLOW_THREADS
  if (ok && j == NULL)
    g_set_error (&error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                 "no path by %s from '%s' to '%s' in scenario %d",
                 tnet_profile_to_string (profile), from, to, year);
  if (j == NULL)
    {
      if (mm)
        tnet_multimodal_unref (mm);
      route_end_clear (&a);
      route_end_clear (&b);
      return fail (NULL, error);
    }
  /* the legs' strings belong to the graph, released once copied */
  PyObject *legs = route_legs (net, profile, j, &a, &b, start_ms, end_ms, start_node, end_node);
  const TnetFeed *feed = NULL;
  if (profile != TNET_PROFILE_CAR)
    tnet_dataset_get_feed (self->ds, year, &feed, NULL);
  g_autofree char *feed_name = feed ? g_path_get_basename (tnet_feed_get_path (feed)) : NULL;
  PyObject *r = legs ? Py_BuildValue ("{s:s,s:s,s:s,s:i,s:z,s:d,s:d,s:d,s:d,s:d,s:d,s:I,s:N}",
                                      "from", from, "to", to,
                                      "profile", tnet_profile_to_string (profile),
                                      "scenario_year", year, "feed", feed_name,
                                      "total_min", j->total_ms / 60000.0,
                                      "access_min", j->access_ms / 60000.0,
                                      "wait_min", j->wait_ms / 60000.0,
                                      "in_vehicle_min", j->in_vehicle_ms / 60000.0,
                                      "transfer_min", j->transfer_ms / 60000.0,
                                      "egress_min", j->egress_ms / 60000.0,
                                      "rides", j->n_rides, "legs", legs)
                     : NULL;
  tnet_journey_free (j);
  tnet_multimodal_unref (mm);
  route_end_clear (&a);
  route_end_clear (&b);
  return r;
}

/* ------------------------------------------------------------ criticality */

/* The timetable options of Dataset.criticality(): transit and
 * park_and_ride by the timetable when @timetable (as `tnet criticality`
 * --depart --window --percentile --max-walk --date, and park-and-ride's
 * --drive-budget --park-time --parking-radius), else on the profile's
 * graph. */
typedef struct {
  int timetable;
  int depart_s, window_min, max_walk_min;
  double percentile;
  unsigned int date;
  int drive_min, park_min;
  double radius_m;
} CritTimetable;

static TnetTimetable *timetable_setup (DatasetObject *self, int year, PyObject *closures,
                                       int depart_s, int window_min, int max_walk_min,
                                       PyObject *pcts_obj, guint date, guint seed,
                                       double **pcts, guint *n_pcts, char **feed_name,
                                       TnetFeed **feed);
static TnetParkRide *park_ride_setup (DatasetObject *self, int year, PyObject *closures,
                                      TnetTimetable *tt, int drive_min, int park_min,
                                      double radius_m);

/* The scan of Dataset.criticality() with the library's one JSON document
 * of its @top first items (*@doc), without the GIL; by the timetable
 * (@ct) or on the profile's graph. NULL with an exception set. */
static TnetCriticality *
criticality_run (DatasetObject *self, int year, PyObject *closures, const TnetScenario *scen,
                 const TnetNodeSet *a, const TnetNodeSet *b, gboolean by_line,
                 TnetProfile profile, TnetWeight budget_ms, const TnetCriticalityOptions *copts,
                 const CritTimetable *ct, guint top, Progress *prog, char **doc)
{
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  TnetTimetable *tt = NULL;
  TnetFeed *feed = NULL;
  TnetParkRide *pr = NULL;
  g_autofree char *feed_name = NULL;
  if (ct->timetable)
    {
      g_autofree double *pcts = NULL;
      guint np = 0;
      PyObject *pl = Py_BuildValue ("[d]", ct->percentile);
      if (pl == NULL)
        return NULL;
      tt = timetable_setup (self, year, closures, ct->depart_s, ct->window_min,
                            ct->max_walk_min, pl, ct->date, 0, &pcts, &np, &feed_name, &feed);
      Py_DECREF (pl);
      if (tt == NULL)
        return NULL;
      if (profile == TNET_PROFILE_PARK_AND_RIDE
          && (pr = park_ride_setup (self, year, closures, tt, ct->drive_min, ct->park_min,
                                    ct->radius_m)) == NULL)
        {
          tnet_timetable_unref (tt);
          tnet_feed_unref (feed);
          return NULL;
        }
    }
  GError *error = NULL;
  TnetCriticality *crit = NULL;
  Py_BEGIN_ALLOW_THREADS
  TnetMultimodal *mm = NULL;
  if (tt)
    {
      TnetRaptorFailuresOptions fo;
      tnet_raptor_failures_options_init (&fo);
      fo.depart_s = ct->depart_s;
      fo.n_minutes = (guint) ct->window_min;
      fo.percentile = ct->percentile;
      fo.max_walk_ms = tnet_weight_from_min ((guint) ct->max_walk_min);
      crit = pr ? tnet_corridor_criticality_park_ride (net, scen, pr, feed_name, a, b, by_line,
                                                       budget_ms, &fo, copts, &error)
                : tnet_corridor_criticality_timetable (net, scen, tt, feed_name, a, b, by_line,
                                                       budget_ms, &fo, copts, &error);
    }
  else if (build_graphs (self, scen, &profile, 1, &mm, &error))
    crit = tnet_corridor_criticality_profile (net, mm, a, b, by_line, budget_ms, copts,
                                              &error);
  if (crit)
    *doc = tnet_corridor_criticality_to_json (crit, net, mm, a, b, by_line, year, top, FALSE);
  if (mm)
    tnet_multimodal_unref (mm);
  tnet_park_ride_free (pr);
  if (tt)
    tnet_timetable_unref (tt);
  if (feed)
    tnet_feed_unref (feed);
  Py_END_ALLOW_THREADS
  if (crit == NULL)
    fail (prog, error);
  return crit;
}

/* Dataset.criticality(year, closures, a, b, by_line, profile, budget,
 * threads, progress, element_blocks, element_block, top, timetable, ...)
 * -> dict of columns, one entry per ranked element, and the library's
 * JSON document of the @top first. */
static PyObject *
dataset_criticality (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "a", "b", "by_line", "profile",
                            "budget", "threads", "progress", "element_blocks",
                            "element_block", "top", "timetable", "depart_s", "window_min",
                            "percentile", "max_walk_min", "date", "drive_budget_min",
                            "park_min", "parking_radius_m", NULL };
  int year, by_line = 0;
  unsigned int threads = 0, n_blocks = 0, block = 0, top = 10;
  PyObject *closures;
  const char *a_spec, *b_spec, *profile_s = "car";
  double budget = 60;
  g_auto (Progress) prog = { 0 };
  CritTimetable ct = { 0, 8 * 3600, 0, 15, 50, 0, 30, 5, 400 };
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOss|psdIOIIIpiidiIiid", kwlist, &year,
                                    &closures, &a_spec, &b_spec, &by_line, &profile_s, &budget,
                                    &threads, &prog.callable, &n_blocks, &block, &top,
                                    &ct.timetable, &ct.depart_s, &ct.window_min,
                                    &ct.percentile, &ct.max_walk_min, &ct.date, &ct.drive_min,
                                    &ct.park_min, &ct.radius_m))
    return NULL;
  if (n_blocks > 1 && block >= n_blocks)
    return PyErr_Format (PyExc_ValueError, "element_block: expected 0 to %u, got %u",
                         n_blocks - 1, block);
  if (!check_loaded (self))
    return NULL;
  TnetProfile profile = TNET_PROFILE_CAR;
  if (!tnet_profile_from_string (profile_s, &profile))
    return PyErr_Format (PyExc_ValueError, "profile: expected car, transit or park_and_ride, "
                         "got '%s'", profile_s);
  if (!(budget > 0) || !isfinite (budget))
    return PyErr_Format (PyExc_ValueError, "budget: expected a positive number of minutes");
  if (ct.timetable && (profile == TNET_PROFILE_CAR || !(ct.percentile >= 0
                                                       && ct.percentile <= 100)))
    return PyErr_Format (PyExc_ValueError, "timetable: for transit and park_and_ride, with "
                         "a percentile in 0..100");
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return fail (NULL, error);
  g_autoptr (TnetNodeSet) a = tnet_node_set_resolve (net, a_spec, &error);
  g_autoptr (TnetNodeSet) b = a ? tnet_node_set_resolve (net, b_spec, &error) : NULL;
  if (b == NULL)
    return fail (NULL, error);
  TnetCriticalityOptions copts;
  tnet_criticality_options_init (&copts);
  copts.n_threads = threads;
  progress_attach (&prog, &copts.progress, &copts.progress_data, &copts.cancellable);
  copts.n_element_blocks = n_blocks;
  copts.element_block = n_blocks > 1 ? block : 0;
  TnetWeight budget_ms = (TnetWeight) (budget * 60000.0);
  g_autofree char *doc = NULL;
  TnetCriticality *crit = criticality_run (self, year, closures, scen, a, b, by_line, profile,
                                           budget_ms, &copts, &ct, top, &prog, &doc);
  if (crit == NULL)
    return NULL;
  /* the OD pairs, in the order tnet_corridor_criticality() numbers them */
  g_autoptr (GArray) po = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) pd = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint i = 0; i < a->zones->len; i++)
    for (guint j = 0; j < b->zones->len; j++)
      if (g_array_index (a->zones, TnetId, i) != g_array_index (b->zones, TnetId, j))
        {
          g_array_append_val (po, g_array_index (a->zones, TnetId, i));
          g_array_append_val (pd, g_array_index (b->zones, TnetId, j));
        }
  guint n = tnet_criticality_n_items (crit);
  npy_intp dim = n;
  enum { SLOWER, CUT, OUT, ELEMENT, N_INT };
  enum { POP, MAX_INC, TOTAL_INC, BEFORE, AFTER, N_DBL };
  static const char *const int_names[N_INT] = { "pairs_slower", "pairs_cut",
                                                "pairs_out_of_budget", "element" };
  static const char *const dbl_names[N_DBL] = { "population_lost", "max_increase_min",
                                                "total_increase_min", "before_min",
                                                "after_min" };
  PyObject *ints[N_INT] = { NULL }, *dbls[N_DBL] = { NULL };
  PyObject *names = PyList_New (n), *wfrom = PyList_New (n), *wto = PyList_New (n);
  PyObject *result = NULL;
  gboolean ok = names && wfrom && wto;
  for (int k = 0; ok && k < N_INT; k++)
    ok = (ints[k] = PyArray_SimpleNew (1, &dim, NPY_INT64)) != NULL;
  for (int k = 0; ok && k < N_DBL; k++)
    ok = (dbls[k] = PyArray_SimpleNew (1, &dim, NPY_FLOAT64)) != NULL;
  for (guint r = 0; ok && r < n; r++)
    {
      const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
      guint p = it->worst_pair;
      ((gint64 *) PyArray_DATA ((PyArrayObject *) ints[SLOWER]))[r] = it->n_pairs_slower;
      ((gint64 *) PyArray_DATA ((PyArrayObject *) ints[CUT]))[r] = it->n_pairs_cut;
      ((gint64 *) PyArray_DATA ((PyArrayObject *) ints[OUT]))[r] = it->n_pairs_out_of_budget;
      ((gint64 *) PyArray_DATA ((PyArrayObject *) ints[ELEMENT]))[r] = it->element;
      ((double *) PyArray_DATA ((PyArrayObject *) dbls[POP]))[r] = it->population_lost;
      ((double *) PyArray_DATA ((PyArrayObject *) dbls[MAX_INC]))[r] = it->max_increase_ms / 60000.0;
      ((double *) PyArray_DATA ((PyArrayObject *) dbls[TOTAL_INC]))[r]
        = (double) it->total_increase_ms / 60000.0;
      ((double *) PyArray_DATA ((PyArrayObject *) dbls[BEFORE]))[r]
        = ms_to_min (tnet_criticality_base_time (crit, p));
      ((double *) PyArray_DATA ((PyArrayObject *) dbls[AFTER]))[r]
        = ms_to_min (tnet_criticality_time (crit, r, p));
      PyObject *nm = PyUnicode_FromString (it->name ? it->name : "");
      PyObject *f = PyUnicode_FromString (tnet_network_node (net, g_array_index (po, TnetId, p))->id);
      PyObject *t = PyUnicode_FromString (tnet_network_node (net, g_array_index (pd, TnetId, p))->id);
      ok = nm && f && t;
      if (!ok)
        {
          Py_XDECREF (nm);
          Py_XDECREF (f);
          Py_XDECREF (t);
          break;
        }
      PyList_SET_ITEM (names, r, nm);
      PyList_SET_ITEM (wfrom, r, f);
      PyList_SET_ITEM (wto, r, t);
    }
  if (ok)
    {
      result = Py_BuildValue ("{s:s,s:s,s:s,s:i,s:I,s:I,s:O,s:O,s:O,s:s}", "from", a->spec,
                              "to", b->spec, "by", by_line ? "line" : "link", "year", year,
                              "pairs", tnet_criticality_n_pairs (crit),
                              "candidates", tnet_criticality_n_candidates (crit),
                              "name", names, "worst_from", wfrom, "worst_to", wto,
                              "document", doc);
      for (int k = 0; result && k < N_INT; k++)
        if (PyDict_SetItemString (result, int_names[k], ints[k]) < 0)
          Py_CLEAR (result);
      for (int k = 0; result && k < N_DBL; k++)
        if (PyDict_SetItemString (result, dbl_names[k], dbls[k]) < 0)
          Py_CLEAR (result);
    }
  for (int k = 0; k < N_INT; k++)
    Py_XDECREF (ints[k]);
  for (int k = 0; k < N_DBL; k++)
    Py_XDECREF (dbls[k]);
  Py_XDECREF (names);
  Py_XDECREF (wfrom);
  Py_XDECREF (wto);
  tnet_criticality_free (crit);
  return result;
}

/* Dataset.plan_value(key) -> the plan's [report] number (or its default). */
static PyObject *
dataset_plan_value (DatasetObject *self, PyObject *arg)
{
  const char *key = PyUnicode_AsUTF8 (arg);
  if (key == NULL || !check_loaded (self))
    return NULL;
  return PyFloat_FromDouble (tnet_plan_get_double (tnet_dataset_get_plan (self->ds), key));
}

/* ------------------------------------------------------------- timetable */

static double
great_circle_m (double lon1, double lat1, double lon2, double lat2)
{
  const double r = 6371008.8, d2r = G_PI / 180.0;
  double dlat = (lat2 - lat1) * d2r, dlon = (lon2 - lon1) * d2r;
  double a = sin (dlat / 2) * sin (dlat / 2)
             + cos (lat1 * d2r) * cos (lat2 * d2r) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * r * asin (MIN (1.0, sqrt (a)));
}

/* The stops a place walks to, as `tnet route --profile transit` finds
 * them: a stop id of the timetable is that stop (and the stops at its
 * position); a node walks to the stops within @max_walk_ms by
 * tnet_raptor_walks_from_place() (TRUE: over the street, the search stays
 * in @ws for tnet_raptor_walk_to_node()). */
static gboolean
place_walks (const TnetTimetable *tt, TnetRaptor *ws, const TnetNetwork *net, TnetId v,
             TnetWeight max_walk_ms, GArray *walks, double *lon, double *lat)
{
  const TnetNode *n = tnet_network_node (net, v);
  TnetId s = tnet_timetable_find_stop (tt, n->id);
  if (s != TNET_ID_NONE)
    {
      TnetStopWalk w = { s, 0 };
      g_array_append_val (walks, w);
      tnet_timetable_stop_position (tt, s, lon, lat);
      if (!isnan (*lon))
        tnet_timetable_walks_near (tt, *lon, *lat, 0, walks);
      return FALSE;
    }
  *lon = n->lon;
  *lat = n->lat;
  return tnet_raptor_walks_from_place (ws, v, n->lon, n->lat, max_walk_ms, walks);
}

/* The timetable of the scenario year's feed on @date (0: its busiest day),
 * walking on the folder's streets and access links as @scen has them (its
 * closures too) when it has them (tnet_timetable_network_has_walks()): the
 * timetable `tnet route --profile transit` builds. *@feed_name receives
 * the feed's file name, *@feed_out the feed, to keep as long as the
 * timetable's legs are read (their route names and trip ids are the
 * feed's strings). No GIL needed. */
static TnetTimetable *
load_timetable (TnetDataset *ds, const TnetScenario *scen, guint date, guint seed,
                char **feed_name, TnetFeed **feed_out, GError **error)
{
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  int year = tnet_scenario_get_year (scen);
  g_autofree char *feed_path = tnet_feed_path_for_year (tnet_dataset_get_dir (ds), year);
  if (feed_path == NULL)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "%s: the data folder has no GTFS feed (gtfs/ or gtfs-YEAR/)",
                   tnet_dataset_get_dir (ds));
      return NULL;
    }
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = date;
  TnetFeed *feed = tnet_feed_load (feed_path, &fo, error);
  if (feed == NULL)
    return NULL;
  TnetTimetableOptions tto;
  tnet_timetable_options_init (&tto);
  tto.frequency_seed = seed;
  if (tnet_timetable_network_has_walks (net))
    {
      tto.walk_network = net;
      tto.walk_scenario = scen;
    }
  const TnetFeed *feeds[] = { feed };
  TnetTimetable *tt = tnet_timetable_build (feeds, 1, &tto, error);
  if (tt == NULL)
    {
      tnet_feed_unref (feed);
      return NULL;
    }
  *feed_name = g_path_get_basename (feed_path);
  *feed_out = feed;
  return tt;
}

/* What the timetable matrix and route share, in order: @depart_s,
 * @window_min and @max_walk_min in range; @pcts_obj a non-empty list of
 * numbers in 0..100 (*@pcts, g_free() it, and *@n_pcts); the scenario of
 * @year and @closures valid; then the scenario year's timetable
 * (load_timetable(), built without the GIL; *@feed_name and *@feed as
 * there, @feed NULL: the feed is released). Returns: the timetable, or
 * NULL with a Python exception set and nothing to free. */
static TnetTimetable *
timetable_setup (DatasetObject *self, int year, PyObject *closures, int depart_s,
                 int window_min, int max_walk_min, PyObject *pcts_obj, guint date, guint seed,
                 double **pcts, guint *n_pcts, char **feed_name, TnetFeed **feed)
{
  if (depart_s < 0 || depart_s > 48 * 3600 || window_min < 0 || window_min > 24 * 60
      || max_walk_min < 0 || max_walk_min > 24 * 60)
    {
      PyErr_SetString (PyExc_ValueError, "expected depart in 00:00..48:00, window in "
                       "0..1440 minutes and max_walk in 0..1440 minutes");
      return NULL;
    }
  PyObject *pseq = PySequence_Fast (pcts_obj, "percentiles: expected a list of numbers");
  if (pseq == NULL)
    return NULL;
  guint np = (guint) PySequence_Fast_GET_SIZE (pseq);
  g_autofree double *pv = g_new (double, MAX (np, 1));
  for (guint i = 0; i < np; i++)
    {
      pv[i] = PyFloat_AsDouble (PySequence_Fast_GET_ITEM (pseq, i));
      if ((pv[i] == -1 && PyErr_Occurred ()) || !(pv[i] >= 0 && pv[i] <= 100))
        {
          Py_DECREF (pseq);
          if (!PyErr_Occurred ())
            PyErr_SetString (PyExc_ValueError, "percentiles: expected numbers in 0..100");
          return NULL;
        }
    }
  Py_DECREF (pseq);
  if (np == 0)
    {
      PyErr_SetString (PyExc_ValueError, "percentiles: expected at least one");
      return NULL;
    }
  GError *error = NULL;
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    {
      fail (NULL, error);
      return NULL;
    }
  TnetTimetable *tt;
  TnetFeed *f = NULL;
  g_autofree char *name = NULL;
  Py_BEGIN_ALLOW_THREADS
  tt = load_timetable (self->ds, scen, date, seed, &name, &f, &error);
  Py_END_ALLOW_THREADS
  if (tt == NULL)
    {
      fail (NULL, error);
      return NULL;
    }
  if (feed)
    *feed = f;
  else
    tnet_feed_unref (f);
  if (feed_name)
    *feed_name = g_steal_pointer (&name);
  *pcts = g_steal_pointer (&pv);
  *n_pcts = np;
  return tt;
}

/* The park-and-ride of `tnet route/commute --profile park_and_ride` on
 * @tt (tnet_park_ride_new()): the car graph of the scenario @year with
 * @closures, drives of at most @drive_min minutes, @park_min minutes to
 * park, parking places serving the stops within @radius_m. Built without
 * the GIL. Returns: a new object, or NULL with an exception set. */
static TnetParkRide *
park_ride_setup (DatasetObject *self, int year, PyObject *closures, TnetTimetable *tt,
                 int drive_min, int park_min, double radius_m)
{
  if (drive_min < 0 || drive_min > 24 * 60 || park_min < 0 || park_min > 24 * 60
      || !(radius_m >= 0 && radius_m <= 10000))
    {
      PyErr_SetString (PyExc_ValueError, "expected drive_budget in 0..1440 minutes, "
                       "park_time in 0..1440 minutes and parking_radius in 0..10000 metres");
      return NULL;
    }
  GError *error = NULL;
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    {
      fail (NULL, error);
      return NULL;
    }
  TnetParkRideOptions po;
  tnet_park_ride_options_init (&po);
  po.drive_budget_ms = tnet_weight_from_min ((guint) drive_min);
  po.park_ms = tnet_weight_from_min ((guint) park_min);
  po.parking_radius_m = radius_m;
  TnetParkRide *pr;
  Py_BEGIN_ALLOW_THREADS
  pr = tnet_park_ride_new (tt, tnet_dataset_get_network (self->ds), scen, &po, &error);
  Py_END_ALLOW_THREADS
  if (pr == NULL)
    fail (NULL, error);
  return pr;
}

/* The options and counts of @pr as a dict, as `tnet route --profile
 * park_and_ride --format json` prints them. */
static PyObject *
park_ride_summary (const TnetParkRide *pr)
{
  const TnetParkRideOptions *po = tnet_park_ride_get_options (pr);
  return Py_BuildValue ("{s:d,s:d,s:d,s:I,s:I}", "drive_budget_min", po->drive_budget_ms / 60000.0,
                        "park_min", po->park_ms / 60000.0, "parking_radius_m",
                        po->parking_radius_m, "parking_places", tnet_park_ride_n_parking (pr),
                        "stops_with_parking", tnet_park_ride_n_stops (pr));
}

/* The park-and-ride matrix between nodes (tnet_park_ride_matrix()) into
 * @od, minutes [percentile, origin, destination], NaN where not reached;
 * progress before each origin. Call without the GIL. FALSE with @error
 * set (G_IO_ERROR_CANCELLED when the progress function stopped it). */
static gboolean
park_ride_matrix_fill (const TnetParkRide *pr, const TnetNetwork *net, const GArray *origins,
                       const GArray *dests, TnetWeight max_walk_ms, gint32 depart_s, guint n_min,
                       const double *pcts, guint np, double *od, Progress *prog,
                       GError **error)
{
  guint no = origins->len, nd = dests->len;
  g_autofree gint32 *buf = g_new (gint32, MAX ((gsize) no * nd * np, 1));
  TnetRaptorStop stop;
  tnet_raptor_stop_init (&stop);
  progress_attach (prog, &stop.progress, &stop.progress_data, &stop.cancellable);
  if (!tnet_park_ride_matrix (pr, net, (const TnetId *) (void *) origins->data, no,
                              (const TnetId *) (void *) dests->data, nd, max_walk_ms, depart_s,
                              n_min, pcts, np, buf, &stop, error))
    return FALSE;
  for (guint o = 0; o < no; o++)
    for (guint d = 0; d < nd; d++)
      for (guint i = 0; i < np; i++)
        {
          gint32 v = buf[((gsize) o * nd + d) * np + i];
          od[((gsize) i * no + o) * nd + d] = v == TNET_RAPTOR_UNREACHED ? NAN : v / 60.0;
        }
  return TRUE;
}

/* Dataset.timetable_matrix(year, closures, origins, destinations, depart_s,
 * window_min, percentiles, max_walk_min=15, date=0, frequency_seed=0,
 * progress=None, park_ride=False, drive_budget_min=30, park_min=5,
 * parking_radius_m=400) -> dict: "minutes" float64 [percentile, origin,
 * destination] (NaN: not reached), by range RAPTOR over the scenario
 * year's timetable, one departure per minute of the window; with
 * @park_ride by park-and-ride (tnet_park_ride_matrix(), as `tnet commute
 * --profiles park_and_ride --depart`). */
/* One range query from origin @o's access @walks to the @nd targets of
 * @egress, then each target's @np percentiles as minutes (NaN where not
 * reached) into the [percentile][origin][destination] cube @od; @series,
 * @column and @pv are scratch. Shared by the node and point timetable
 * matrices. */
static void
range_minutes (TnetRaptor *ws, const GArray *walks, const GArray *egress, gint32 depart_s,
               guint n_min, guint nd, const double *pcts, guint np, guint o, guint no,
               gint32 *series, gint32 *column, gint32 *pv, double *od)
{
  tnet_raptor_run_range (ws, (const TnetStopWalk *) (void *) walks->data, walks->len, depart_s,
                         n_min, (const TnetEgress *) (void *) egress->data, egress->len, nd,
                         series, NULL, NULL);
  for (guint d = 0; d < nd; d++)
    {
      for (guint k = 0; k < n_min; k++)
        column[k] = series[(gsize) k * nd + d];
      tnet_percentiles (column, n_min, pcts, np, pv);
      for (guint i = 0; i < np; i++)
        od[((gsize) i * no + o) * nd + d] = pv[i] == TNET_RAPTOR_UNREACHED ? NAN : pv[i] / 60.0;
    }
}

/* The arguments timetable_matrix() and timetable_point_matrix() share:
 * year, closures, origins, destinations, depart_s, window_min, percentiles,
 * then max_walk_min=15, date=0, frequency_seed=0, progress=None,
 * park_ride=False, drive_budget_min=30, park_min=5, parking_radius_m=400.
 * The objects are borrowed from the call's arguments. */
typedef struct {
  int year, depart_s, window_min, max_walk_min, park_ride, drive_min, park_min;
  double radius_m;
  unsigned int date, seed;
  PyObject *closures, *origins, *dests, *pcts;
} MatrixArgs;

/* Parses the arguments of a timetable matrix into @m and @prog's callable;
 * FALSE with a Python exception set. */
static gboolean
matrix_args_parse (PyObject *args, PyObject *kwds, MatrixArgs *m, Progress *prog)
{
  static char *kwlist[] = { "year", "closures", "origins", "destinations", "depart_s",
                            "window_min", "percentiles", "max_walk_min", "date",
                            "frequency_seed", "progress", "park_ride", "drive_budget_min",
                            "park_min", "parking_radius_m", NULL };
  *m = (MatrixArgs) { .max_walk_min = 15, .drive_min = 30, .park_min = 5, .radius_m = 400 };
  return PyArg_ParseTupleAndKeywords (args, kwds, "iOOOiiO|iIIOpiid", kwlist, &m->year,
                                      &m->closures, &m->origins, &m->dests, &m->depart_s,
                                      &m->window_min, &m->pcts, &m->max_walk_min, &m->date,
                                      &m->seed, &prog->callable, &m->park_ride, &m->drive_min,
                                      &m->park_min, &m->radius_m) != 0;
}

/* timetable_setup() of a matrix with its arguments @m (no feed object). */
static TnetTimetable *
matrix_timetable (DatasetObject *self, const MatrixArgs *m, double **pcts, guint *np,
                  char **feed_name)
{
  return timetable_setup (self, m->year, m->closures, m->depart_s, m->window_min,
                          m->max_walk_min, m->pcts, m->date, m->seed, pcts, np, feed_name, NULL);
}

/* park_ride_setup() of a matrix with its arguments @m, on @tt. */
static TnetParkRide *
matrix_park_ride (DatasetObject *self, const MatrixArgs *m, TnetTimetable *tt)
{
  return park_ride_setup (self, m->year, m->closures, tt, m->drive_min, m->park_min,
                          m->radius_m);
}

static PyObject *
dataset_timetable_matrix (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  MatrixArgs m;
  g_auto (Progress) prog = { 0 };
  if (!matrix_args_parse (args, kwds, &m, &prog))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  g_autofree double *pcts = NULL;
  g_autofree char *feed_name = NULL;
  guint np = 0;
  TnetTimetable *tt = matrix_timetable (self, &m, &pcts, &np, &feed_name);
  if (tt == NULL)
    return NULL;
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (GArray) origins = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) dests = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!select_nodes (net, m.origins, origins, &error)
      || !select_nodes (net, m.dests, dests, &error))
    {
      tnet_timetable_unref (tt);
      return error ? fail (NULL, error) : NULL;
    }
  TnetParkRide *pr = NULL;
  if (m.park_ride && (pr = matrix_park_ride (self, &m, tt)) == NULL)
    {
      tnet_timetable_unref (tt);
      return NULL;
    }
  guint no = origins->len, nd = dests->len, n_min = MAX ((guint) m.window_min, 1u);
  npy_intp dims[3] = { np, no, nd };
  PyObject *out = PyArray_SimpleNew (3, dims, NPY_FLOAT64);
  if (out == NULL)
    {
      tnet_park_ride_free (pr);
      tnet_timetable_unref (tt);
      return NULL;
    }
  double *od = PyArray_DATA ((PyArrayObject *) out);
  TnetWeight max_walk_ms = tnet_weight_from_min ((guint) m.max_walk_min);
  gboolean ok = TRUE, cancelled = FALSE;
  guint service_date = tnet_timetable_get_service_date (tt);
  if (pr != NULL)
    {
      /* park-and-ride: the library's matrix, as `tnet commute --depart` */
      Py_BEGIN_ALLOW_THREADS
      ok = park_ride_matrix_fill (pr, net, origins, dests, max_walk_ms, m.depart_s, n_min, pcts,
                                  np, od, &prog, &error);
      tnet_park_ride_free (pr);
      tnet_timetable_unref (tt);
      Py_END_ALLOW_THREADS
      /* the library's matrix fails only when stopped (G_IO_ERROR_CANCELLED) */
      cancelled = !ok;
      g_clear_error (&error);
    }
  else
  Py_BEGIN_ALLOW_THREADS
    {
      service_date = tnet_timetable_get_service_date (tt);
      /* every destination's egress rows, target = its index */
      GArray *egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
      GArray *walks = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
      TnetRaptor *ws = tnet_raptor_new (tt);
      double *dlon = g_new (double, MAX (nd, 1)), *dlat = g_new (double, MAX (nd, 1));
      gboolean *don = g_new (gboolean, MAX (nd, 1));   /* destination on the street */
      for (guint d = 0; d < nd; d++)
        {
          g_array_set_size (walks, 0);
          dlon[d] = dlat[d] = NAN;
          don[d] = place_walks (tt, ws, net, g_array_index (dests, TnetId, d), max_walk_ms,
                                walks, &dlon[d], &dlat[d]);
          for (guint i = 0; i < walks->len; i++)
            {
              const TnetStopWalk *w = &g_array_index (walks, TnetStopWalk, i);
              TnetEgress e = { d, w->stop, w->walk_s };
              g_array_append_val (egress, e);
            }
        }
      guint n_fixed = egress->len;
      gint32 *series = g_new (gint32, (gsize) n_min * MAX (nd, 1));
      gint32 *column = g_new (gint32, n_min), *pv = g_new (gint32, np);
      for (guint o = 0; o < no && !cancelled; o++)
        {
          g_array_set_size (walks, 0);
          double olon = NAN, olat = NAN;
          gboolean oon = place_walks (tt, ws, net, g_array_index (origins, TnetId, o),
                                      max_walk_ms, walks, &olon, &olat);
          /* direct walks from this origin to the destinations within reach:
           * over the street when both ends are on it */
          g_array_set_size (egress, n_fixed);
          for (guint d = 0; d < nd && !isnan (olon); d++)
            if (!isnan (dlon[d]))
              {
                guint32 direct = oon && don[d]
                  ? tnet_raptor_walk_to_node (ws, g_array_index (dests, TnetId, d))
                  : tnet_timetable_walk_seconds (tt, great_circle_m (olon, olat, dlon[d],
                                                                      dlat[d]));
                if (direct <= max_walk_ms / 1000)
                  {
                    TnetEgress e = { d, TNET_ID_NONE, direct };
                    g_array_append_val (egress, e);
                  }
              }
          range_minutes (ws, walks, egress, m.depart_s, n_min, nd, pcts, np, o, no, series,
                         column, pv, od);
          if (!progress_report (&prog, o + 1, no, "timetable matrix"))
            cancelled = TRUE;
        }
      g_free (series);
      g_free (column);
      g_free (pv);
      g_free (dlon);
      g_free (dlat);
      g_free (don);
      tnet_raptor_free (ws);
      g_array_free (egress, TRUE);
      g_array_free (walks, TRUE);
      tnet_timetable_unref (tt);
    }
  Py_END_ALLOW_THREADS
  if (!ok || cancelled)
    {
      Py_DECREF (out);
      if (cancelled)
        {
          /* the progress function's exception, else tnet.Error */
          if (!progress_restore (&prog))
            PyErr_SetString (tnet_py_error,
                             "timetable matrix: cancelled by the progress function");
          return NULL;
        }
      return fail (NULL, error);
    }
  PyObject *o_ids = id_list (net, (TnetId *) (void *) origins->data, no);
  PyObject *d_ids = id_list (net, (TnetId *) (void *) dests->data, nd);
  PyObject *r = o_ids && d_ids
                ? Py_BuildValue ("{s:O,s:O,s:O,s:s,s:I}", "minutes", out, "origins", o_ids,
                                 "destinations", d_ids, "feed", feed_name,
                                 "date", service_date)
                : NULL;
  Py_DECREF (out);
  Py_XDECREF (o_ids);
  Py_XDECREF (d_ids);
  return r;
}

static TnetWeight access_ms (TnetWeight time_ms);

/* The access seconds of a point's access link of @time_ms: access_ms()
 * rounded to the second, as the timetable counts time. */
static guint32
access_s (TnetWeight time_ms)
{
  return (guint32) ((access_ms (time_ms) + 500) / 1000);
}

static void trip_end_of (const RouteEnd *e, TnetId node, TnetTripEnd *t, TnetId **ids,
                         TnetWeight **ms);

/* The access link @via of a point's row for @stop in @walks. */
static guint
point_link (const GArray *walks, const GArray *via, TnetId stop)
{
  for (guint i = 0; i < walks->len; i++)
    if (g_array_index (walks, TnetStopWalk, i).stop == stop)
      return g_array_index (via, guint, i);
  return 0;
}

/* The stops end @e walks to: for an id, the library's rule of `tnet route
 * --profile transit` (tnet_raptor_walks_from_place_id()); for a point,
 * tnet_raptor_walks_from_links() on its access links (@via: the access
 * link of each row), at the point's position and on no node (a walk all
 * the way is the straight line). */
static gboolean
route_end_walks (const TnetTimetable *tt, TnetRaptor *ws, const TnetNetwork *net,
                 const RouteEnd *e, TnetWeight max_walk_ms, GArray *walks, GArray *via, double *lon,
                 double *lat, TnetId *node, GError **error)
{
  if (e->id)
    return tnet_raptor_walks_from_place_id (ws, net, e->id, max_walk_ms, walks, lon, lat, node,
                                            error);
  *node = TNET_ID_NONE;
  *lon = e->ll[0];
  *lat = e->ll[1];
  TnetTripEnd t;
  g_autofree TnetId *ids = NULL;
  g_autofree TnetWeight *ms = NULL;
  trip_end_of (e, TNET_ID_NONE, &t, &ids, &ms);
  tnet_raptor_walks_from_links (ws, net, &t, max_walk_ms, walks, via);
  return TRUE;
}

/* The walk all the way between two ends of a timetable route (their
 * positions and the destination's node as route_end_walks() gives them):
 * over the street when @street (the last street search on @ws ran from
 * the origin's node, tnet_raptor_walks_from_node()) and the destination is
 * on it, else the straight line; G_MAXUINT32 for none (an end without a
 * position, or a street walk beyond that search's budget). */
static guint32
ends_direct_s (const TnetTimetable *tt, const TnetRaptor *ws, gboolean street, double olon,
               double olat, TnetId dnode, double dlon, double dlat)
{
  if (street && dnode != TNET_ID_NONE)
    return tnet_raptor_walk_to_node (ws, dnode);
  if (!isnan (olon) && !isnan (dlon))
    return tnet_timetable_walk_seconds (tt, great_circle_m (olon, olat, dlon, dlat));
  return G_MAXUINT32;
}

/* A clock time as the command prints it: HH:MM:SS, " (day before)" for a
 * time of the day before the service date. */
static PyObject *
clock_string (gint32 s)
{
  gboolean neg = s < 0;
  if (neg)
    s += 86400;
  return PyUnicode_FromFormat ("%02d:%02d:%02d%s", (int) (s / 3600), (int) (s / 60 % 60),
                               (int) (s % 60), neg ? " (day before)" : "");
}

/* One leg of a timetable journey as a dict: kind (walk, ride, transfer),
 * line, trip, mode (rides), from, to, start, end (clock strings),
 * start_s, end_s (seconds after midnight), minutes, wait_min. */
static PyObject *
timetable_leg (const char *kind, const char *line, const char *trip, const char *mode,
               const char *from, const char *to, gint32 start_s, gint32 end_s, gint32 wait_s)
{
  return Py_BuildValue ("{s:s,s:z,s:z,s:z,s:s,s:s,s:N,s:N,s:i,s:i,s:d,s:d}",
                        "kind", kind, "line", line, "trip", trip, "mode", mode, "from", from,
                        "to", to, "start", clock_string (start_s), "end", clock_string (end_s),
                        "start_s", (int) start_s, "end_s", (int) end_s,
                        "minutes", (end_s - start_s) / 60.0, "wait_min", wait_s / 60.0);
}

/* The ends of a timetable route and their stops (route_end_walks()). */
typedef struct
{
  const RouteEnd *a, *b;
  const char *from, *to;
  const GArray *acc, *acc_via, *egr, *egr_via;
} TimetableEnds;

/* Appends @leg (a new reference, stolen) to @list; FALSE on a Python
 * error. */
static gboolean
append_leg (PyObject *list, PyObject *leg)
{
  gboolean ok = leg && PyList_Append (list, leg) == 0;
  Py_XDECREF (leg);
  return ok;
}

/* Appends to @out the legs of the journey @legs (tnet_raptor_journey()),
 * then the walk from its last stop @best (@best_walk seconds) to the
 * destination, or, @walk_only, the walk all the way (@direct seconds). A
 * point end's walk is its access link (mode access, to or from the link's
 * node), then the walk between that node and the stop. FALSE on a Python
 * error. */
static gboolean
timetable_legs (const TnetTimetable *tt, const TnetNetwork *net, const TimetableEnds *te,
                const GArray *legs, TnetId best, guint32 best_walk, gboolean walk_only,
                guint32 direct, gint32 depart_s, PyObject *out)
{
  if (walk_only)
    return append_leg (out, timetable_leg ("walk", NULL, NULL, NULL, te->from, te->to, depart_s,
                                           depart_s + (gint32) direct, 0));
  gboolean good = TRUE;
  gint32 clock = depart_s;
  const char *parked = NULL;   /* park-and-ride: the parking place, once parked */
  for (guint i = 0; good && i < legs->len; i++)
    {
      const TnetTransitLeg *l = &g_array_index (legs, TnetTransitLeg, i);
      const char *ts = tnet_timetable_stop_id (tt, l->to_stop);
      clock = l->end_s;
      if (l->kind == TNET_TRANSIT_LEG_DRIVE || l->kind == TNET_TRANSIT_LEG_PARK)
        {
          /* the drive from the origin to the parking place, then parking there */
          const char *place = tnet_network_node (net, l->node)->id;
          gboolean drive = l->kind == TNET_TRANSIT_LEG_DRIVE;
          parked = drive ? NULL : place;
          good = append_leg (out, timetable_leg (drive ? "drive" : "park", NULL, NULL,
                                                 drive ? tnet_mode_to_string (l->mode) : NULL,
                                                 drive ? te->from : place, place, l->start_s,
                                                 l->end_s, 0));
          continue;
        }
      if (l->kind == TNET_TRANSIT_LEG_ACCESS && te->a->id == NULL && parked == NULL)
        {
          const TnetAccessCandidate *c
            = &te->a->cand[point_link (te->acc, te->acc_via, l->to_stop)];
          const char *nid = tnet_network_node (net, c->node)->id;
          gint32 t = l->start_s + (gint32) access_s (c->time_ms);
          good = append_leg (out, timetable_leg ("walk", NULL, NULL, "access", te->from, nid,
                                                 l->start_s, t, 0));
          if (good && l->end_s > t)
            good = append_leg (out, timetable_leg ("walk", NULL, NULL, NULL, nid, ts, t,
                                                   l->end_s, 0));
          continue;
        }
      if (l->kind == TNET_TRANSIT_LEG_ACCESS && l->end_s == l->start_s)
        continue;
      const char *fs = l->from_stop != TNET_ID_NONE ? tnet_timetable_stop_id (tt, l->from_stop)
                       : parked ? parked : te->from;
      const char *kind = l->kind == TNET_TRANSIT_LEG_RIDE ? "ride"
                         : l->kind == TNET_TRANSIT_LEG_ACCESS ? "walk" : "transfer";
      good = append_leg (out, timetable_leg (kind, l->route_name, l->trip_id,
                                             l->kind == TNET_TRANSIT_LEG_RIDE
                                             ? tnet_mode_to_string (l->mode) : NULL,
                                             fs, ts, l->start_s, l->end_s, l->wait_s));
    }
  if (!good || best == TNET_ID_NONE)
    return good;
  const char *bs = tnet_timetable_stop_id (tt, best);
  if (te->b->id == NULL)
    {
      const TnetAccessCandidate *c = &te->b->cand[point_link (te->egr, te->egr_via, best)];
      const char *nid = tnet_network_node (net, c->node)->id;
      gint32 t = (gint32) access_s (c->time_ms), w = (gint32) best_walk - t;
      if (w > 0)
        good = append_leg (out, timetable_leg ("walk", NULL, NULL, NULL, bs, nid, clock,
                                               clock + w, 0));
      return good && append_leg (out, timetable_leg ("walk", NULL, NULL, "access", nid, te->to,
                                                     clock + MAX (w, 0), clock + best_walk, 0));
    }
  if (best_walk > 0)
    good = append_leg (out, timetable_leg ("walk", NULL, NULL, NULL, bs, te->to, clock,
                                           clock + (gint32) best_walk, 0));
  return good;
}

/* @e as a #TnetTripEnd (tnet_park_ride_access_end()): the node @node of an
 * id end, else the point with its access links at access_ms() of their
 * times; *@ids and *@ms hold the links (the caller frees them). */
static void
trip_end_of (const RouteEnd *e, TnetId node, TnetTripEnd *t, TnetId **ids, TnetWeight **ms)
{
  guint n = e->id ? 0 : e->first[1];
  *ids = g_new (TnetId, MAX (n, 1u));
  *ms = g_new (TnetWeight, MAX (n, 1u));
  for (guint c = 0; c < n; c++)
    {
      (*ids)[c] = e->cand[c].node;
      (*ms)[c] = access_ms (e->cand[c].time_ms);
    }
  *t = (TnetTripEnd) { e->id ? node : TNET_ID_NONE, e->ll[0], e->ll[1], *ids, *ms, n };
}

/* Snaps the point ends among @a and @b (route_end_snap()) on the network
 * of the scenario @year with @closures; FALSE with an exception set (and
 * both ends cleared). */
static gboolean
route_ends_snap (DatasetObject *self, int year, PyObject *closures, RouteEnd *a, RouteEnd *b)
{
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen && route_end_snap (net, scen, a, &error) && route_end_snap (net, scen, b, &error))
    return TRUE;
  route_end_clear (a);
  route_end_clear (b);
  fail (NULL, error);
  return FALSE;
}

/* Dataset.route_timetable(year, closures, origin, destination, depart_s,
 * window_min, percentiles, max_walk_min=15, date=0, frequency_seed=0,
 * park_ride=False, drive_budget_min=30, park_min=5, parking_radius_m=400) ->
 * dict: the journey of `tnet route --profile transit` (with @park_ride,
 * `--profile park_and_ride`: a node origin may drive to a parking place
 * first, tnet_park_ride_access(); "park_and_ride": the options and
 * counts, else None) by the scenario
 * year's timetable departing at @depart_s (legs, the walk to the
 * destination included), the travel time of each departure minute of the
 * window and their percentiles (minutes; NaN when not reached). Either
 * end is a node or stop id, or a (lon, lat) pair that starts (ends) on
 * its access links (tnet_raptor_walks_from_links()). */
static PyObject *
dataset_route_timetable (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "origin", "destination", "depart_s",
                            "window_min", "percentiles", "max_walk_min", "date",
                            "frequency_seed", "park_ride", "drive_budget_min", "park_min",
                            "parking_radius_m", NULL };
  int year, depart_s, window_min, max_walk_min = 15, park_ride = 0, drive_min = 30;
  int park_min = 5;
  double radius_m = 400;
  unsigned int date = 0, seed = 0;
  PyObject *closures, *pcts_obj, *from_obj, *to_obj;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOOOiiO|iIIpiid", kwlist, &year, &closures,
                                    &from_obj, &to_obj, &depart_s, &window_min, &pcts_obj,
                                    &max_walk_min, &date, &seed, &park_ride, &drive_min,
                                    &park_min, &radius_m))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  RouteEnd a = { 0 }, b = { 0 };
  if (!route_end_parse (from_obj, "origin", &a) || !route_end_parse (to_obj, "destination", &b)
      || !route_ends_snap (self, year, closures, &a, &b))
    return NULL;
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  const char *from = a.id ? a.id : a.label, *to = b.id ? b.id : b.label;
  g_autofree double *pcts = NULL;
  g_autofree char *feed_name = NULL;
  guint np = 0;
  TnetFeed *feed = NULL;
  TnetTimetable *tt = timetable_setup (self, year, closures, depart_s, window_min, max_walk_min,
                                       pcts_obj, date, seed, &pcts, &np, &feed_name, &feed);
  TnetParkRide *pr = NULL;
  if (tt != NULL && park_ride
      && (pr = park_ride_setup (self, year, closures, tt, drive_min, park_min, radius_m)) == NULL)
    {
      tnet_timetable_unref (tt);
      tnet_feed_unref (feed);
      tt = NULL;
    }
  if (tt == NULL)
    {
      route_end_clear (&a);
      route_end_clear (&b);
      return NULL;
    }
  const char *how = pr ? "park-and-ride" : "transit";

  TnetWeight max_walk_ms = tnet_weight_from_min ((guint) max_walk_min);
  guint n_min = MAX ((guint) window_min, 1u);
  g_autofree gint32 *series = g_new (gint32, n_min);
  g_autofree gint32 *pv = g_new (gint32, np);
  g_autoptr (GArray) legs = g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg));
  g_autoptr (GArray) acc = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) egr = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  /* a point end's access link of each row of acc and egr */
  g_autoptr (GArray) acc_via = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) egr_via = g_array_new (FALSE, FALSE, sizeof (guint));
  /* park-and-ride: the origin's access rows (tnet_park_ride_access()) */
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (TnetParkRideAccess));
  /* the access rows of the query: acc, or with @pr the park-and-ride rows */
  g_autoptr (GArray) run_acc = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  TnetRaptor *ws = NULL;
  gboolean ok = FALSE, walk_only = FALSE;
  guint service_date = 0;
  guint32 direct = G_MAXUINT32, best_walk = 0;
  TnetId best = TNET_ID_NONE;
  Py_BEGIN_ALLOW_THREADS
  double olon = NAN, olat = NAN, dlon = NAN, dlat = NAN;
  TnetId onode, dnode;
  service_date = tnet_timetable_get_service_date (tt);
  ws = tnet_raptor_new (tt);
  ok = route_end_walks (tt, ws, net, &a, max_walk_ms, acc, acc_via, &olon, &olat, &onode, &error)
       && route_end_walks (tt, ws, net, &b, max_walk_ms, egr, egr_via, &dlon, &dlat, &dnode,
                           &error);
  if (ok)
    {
      g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
      for (guint i = 0; i < egr->len; i++)
        {
          const TnetStopWalk *w = &g_array_index (egr, TnetStopWalk, i);
          TnetEgress e = { 0, w->stop, w->walk_s };
          g_array_append_val (egress, e);
        }
      if (pr != NULL && (onode != TNET_ID_NONE || a.id == NULL))
        {
          /* driving to a parking place (from a point: from its access
           * links) competes with walking to a stop; a point's own walks
           * stay in acc for its legs (point_link()) */
          g_autoptr (TnetSearch) search = tnet_search_new (tnet_park_ride_get_graph (pr));
          g_autofree TnetId *link_ids = NULL;
          g_autofree TnetWeight *link_ms = NULL;
          TnetTripEnd te;
          trip_end_of (&a, onode, &te, &link_ids, &link_ms);
          tnet_park_ride_access_end (pr, search, &te, (const TnetStopWalk *) (void *) acc->data,
                                     acc->len, rows, run_acc);
        }
      else
        g_array_append_vals (run_acc, acc->data, acc->len);
      g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
      gboolean street = onode != TNET_ID_NONE && dnode != TNET_ID_NONE
                        && tnet_raptor_walks_from_node (ws, onode, max_walk_ms, TNET_ID_NONE,
                                                        NULL, scratch);
      direct = ends_direct_s (tt, ws, street, olon, olat, dnode, dlon, dlat);
      if (direct <= max_walk_ms / 1000)
        {
          TnetEgress e = { 0, TNET_ID_NONE, direct };
          g_array_append_val (egress, e);
        }
      if (egress->len == 0 || (run_acc->len == 0 && direct > max_walk_ms / 1000))
        {
          g_set_error (&error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "no path by %s from '%s' to '%s': no stop of the feed within %u "
                       "min walk of '%s' (max_walk)%s", how, from, to, max_walk_ms / 60000,
                       run_acc->len == 0 ? from : to, pr && run_acc->len == 0
                       ? " nor a parking place within the drive budget" : "");
          ok = FALSE;
        }
      else
        {
          tnet_raptor_run_range (ws, (const TnetStopWalk *) (void *) run_acc->data,
                                 run_acc->len, depart_s, n_min,
                                 (const TnetEgress *) (void *) egress->data, egress->len, 1,
                                 series, NULL, NULL);
          /* the journey of the first minute: the best egress stop, then its legs */
          tnet_raptor_run (ws, (const TnetStopWalk *) (void *) run_acc->data, run_acc->len,
                           depart_s);
          gint32 best_t = TNET_RAPTOR_UNREACHED;
          for (guint i = 0; i < egr->len; i++)
            {
              const TnetStopWalk *w = &g_array_index (egr, TnetStopWalk, i);
              gint32 t = tnet_raptor_arrival (ws, w->stop);
              if (t != TNET_RAPTOR_UNREACHED && t + (gint32) w->walk_s < best_t)
                {
                  best_t = t + (gint32) w->walk_s;
                  best = w->stop;
                  best_walk = w->walk_s;
                }
            }
          walk_only = direct <= max_walk_ms / 1000 && depart_s + (gint32) direct <= best_t;
          if (series[0] == TNET_RAPTOR_UNREACHED && window_min <= 1)
            {
              g_set_error (&error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                           "no path by %s from '%s' to '%s' departing %02d:%02d on %u",
                           how, from, to, depart_s / 3600, depart_s / 60 % 60, service_date);
              ok = FALSE;
            }
          else if (!walk_only && best != TNET_ID_NONE)
            tnet_park_ride_journey (ws, best, (const TnetParkRideAccess *) (void *) rows->data,
                                    rows->len, legs);
          g_autofree gint32 *sorted = g_memdup2 (series, sizeof (gint32) * n_min);
          tnet_percentiles (sorted, n_min, pcts, np, pv);
        }
    }
  Py_END_ALLOW_THREADS
  if (!ok)
    {
      tnet_raptor_free (ws);
      tnet_park_ride_free (pr);
      if (tt)
        tnet_timetable_unref (tt);
      if (feed)
        tnet_feed_unref (feed);
      route_end_clear (&a);
      route_end_clear (&b);
      return fail (NULL, error);
    }
  /* the legs' strings belong to the timetable and the feed, released once
   * copied */
  PyObject *leg_list = PyList_New (0), *pc = PyDict_New (), *result = NULL;
  npy_intp dim = n_min;
  PyObject *minutes = PyArray_SimpleNew (1, &dim, NPY_FLOAT64);
  gboolean good = leg_list && pc && minutes;
  if (good)
    {
      TimetableEnds te = { &a, &b, from, to, acc, acc_via, egr, egr_via };
      good = timetable_legs (tt, net, &te, legs, best, best_walk, walk_only, direct, depart_s,
                             leg_list);
    }
  for (guint i = 0; good && i < np; i++)
    {
      char key[G_ASCII_DTOSTR_BUF_SIZE + 1] = "p";
      g_snprintf (key + 1, sizeof key - 1, "%g", pcts[i]);
      PyObject *v = PyFloat_FromDouble (pv[i] == TNET_RAPTOR_UNREACHED ? NAN : pv[i] / 60.0);
      good = v && PyDict_SetItemString (pc, key, v) == 0;
      Py_XDECREF (v);
    }
  if (good)
    {
      double *md = PyArray_DATA ((PyArrayObject *) minutes);
      for (guint m = 0; m < n_min; m++)
        md[m] = series[m] == TNET_RAPTOR_UNREACHED ? NAN : series[m] / 60.0;
      result = Py_BuildValue ("{s:s,s:s,s:s,s:s,s:i,s:s,s:I,s:N,s:i,s:d,s:O,s:O,s:O,s:N}",
                              "from", from, "to", to,
                              "profile", pr ? "park_and_ride" : "transit",
                              "model", "timetable", "scenario_year", year, "feed", feed_name,
                              "date", service_date, "depart", clock_string (depart_s),
                              "window_min", window_min,
                              "total_min", series[0] == TNET_RAPTOR_UNREACHED
                                           ? NAN : series[0] / 60.0,
                              "percentiles", pc, "minutes", minutes, "legs", leg_list,
                              "park_and_ride", pr ? park_ride_summary (pr)
                                                  : Py_NewRef (Py_None));
    }
  Py_XDECREF (leg_list);
  Py_XDECREF (pc);
  Py_XDECREF (minutes);
  tnet_park_ride_free (pr);
  tnet_raptor_free (ws);
  tnet_timetable_unref (tt);
  tnet_feed_unref (feed);
  route_end_clear (&a);
  route_end_clear (&b);
  return result;
}

/* ------------------------------------------- timetable matrix of points */

/* @obj, a sequence of node or stop ids and (lon, lat) pairs, as @n ends
 * (route_end_parse()); the ids are borrowed from *@seq's items, to keep
 * until the ends are cleared. NULL with an exception set. */
static RouteEnd *
route_ends_parse (PyObject *obj, const char *what, PyObject **seq, guint *n)
{
  *seq = PySequence_Fast (obj, "expected a list of node or stop ids and (lon, lat) pairs");
  if (*seq == NULL)
    return NULL;
  guint k = (guint) PySequence_Fast_GET_SIZE (*seq);
  RouteEnd *e = g_new0 (RouteEnd, MAX (k, 1));
  for (guint i = 0; i < k; i++)
    if (!route_end_parse (PySequence_Fast_GET_ITEM (*seq, i), what, &e[i]))
      {
        g_free (e);
        Py_CLEAR (*seq);
        return NULL;
      }
  *n = k;
  return e;
}

static void
route_ends_free (RouteEnd *e, guint n)
{
  for (guint i = 0; e && i < n; i++)
    route_end_clear (&e[i]);
  g_free (e);
}

/* Snaps every point among the @n ends @e with one
 * tnet_network_snap_points() (as route_end_snap() does one); a point
 * without an access link keeps none (first[1] == 0), no error. */
static gboolean
route_ends_snap_all (const TnetNetwork *net, const TnetScenario *scen, RouteEnd *e, guint n,
                     GError **error)
{
  g_autoptr (GArray) ll = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    if (e[i].id == NULL)
      g_array_append_vals (ll, e[i].ll, 2);
  if (ll->len == 0)
    return TRUE;
  g_autofree guint *first = NULL;
  g_autofree TnetAccessCandidate *cand = NULL;
  if (!tnet_network_snap_points (net, scen, NULL, (const double *) (void *) ll->data,
                                 ll->len / 2, &first, &cand, error))
    return FALSE;
  for (guint i = 0, p = 0; i < n; i++)
    if (e[i].id == NULL)
      {
        guint k = first[p + 1] - first[p];
        e[i].first = g_new0 (guint, 2);
        e[i].first[1] = k;
        e[i].cand = k ? g_memdup2 (cand + first[p], sizeof *cand * k) : NULL;
        p++;
      }
  return TRUE;
}

/* Where a matrix end is for the walks all the way (route_end_walks()):
 * its position (NaN: none) and street node (TNET_ID_NONE: none). */
typedef struct
{
  double lon, lat;
  TnetId node;
} EndPlace;

/* route_end_walks() for the matrix: the same rows; a point without an
 * access link has no position either, so it reaches nothing. */
static gboolean
matrix_end_walks (const TnetTimetable *tt, TnetRaptor *ws, const TnetNetwork *net,
                  const RouteEnd *e, TnetWeight max_walk_ms, GArray *walks, GArray *via,
                  EndPlace *p, GError **error)
{
  g_array_set_size (walks, 0);
  g_array_set_size (via, 0);
  p->lon = p->lat = NAN;
  if (!route_end_walks (tt, ws, net, e, max_walk_ms, walks, via, &p->lon, &p->lat, &p->node,
                        error))
    return FALSE;
  if (e->id == NULL && e->first[1] == 0)
    p->lon = p->lat = NAN;
  return TRUE;
}

/* The timetable matrix between route ends (no GIL): per origin its
 * access rows as route_timetable() builds them, every destination's
 * egress rows (built once) and the walks all the way (ends_direct_s()),
 * one tnet_raptor_run_range() over the @n_min minutes, then per
 * destination the percentiles of its series; @od [percentile, origin,
 * destination] in minutes (NaN: not reached). FALSE on an unknown id
 * (@error) or when @prog cancels (*@cancelled). */
static gboolean
ends_timetable_matrix (TnetTimetable *tt, const TnetNetwork *net, const RouteEnd *o,
                       guint no, const RouteEnd *d, guint nd, gint32 depart_s, guint n_min,
                       const double *pcts, guint np, TnetWeight max_walk_ms, Progress *prog,
                       double *od, gboolean *cancelled, GError **error)
{
  TnetRaptor *ws = tnet_raptor_new (tt);
  g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  g_autoptr (GArray) walks = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) via = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autofree EndPlace *dp = g_new (EndPlace, MAX (nd, 1));
  gboolean ok = TRUE;
  for (guint j = 0; ok && j < nd; j++)
    {
      ok = matrix_end_walks (tt, ws, net, &d[j], max_walk_ms, walks, via, &dp[j], error);
      for (guint i = 0; ok && i < walks->len; i++)
        {
          const TnetStopWalk *w = &g_array_index (walks, TnetStopWalk, i);
          TnetEgress e = { j, w->stop, w->walk_s };
          g_array_append_val (egress, e);
        }
    }
  guint n_fixed = egress->len;
  g_autofree gint32 *series = g_new (gint32, (gsize) n_min * MAX (nd, 1));
  g_autofree gint32 *column = g_new (gint32, n_min);
  g_autofree gint32 *pv = g_new (gint32, np);
  for (guint i = 0; ok && i < no && !*cancelled; i++)
    {
      EndPlace op;
      if (!(ok = matrix_end_walks (tt, ws, net, &o[i], max_walk_ms, walks, via, &op, error)))
        break;
      g_array_set_size (egress, n_fixed);
      g_array_set_size (scratch, 0);
      gboolean street = op.node != TNET_ID_NONE
                        && tnet_raptor_walks_from_node (ws, op.node, max_walk_ms, TNET_ID_NONE,
                                                        NULL, scratch);
      for (guint j = 0; j < nd; j++)
        {
          guint32 direct = ends_direct_s (tt, ws, street, op.lon, op.lat, dp[j].node,
                                          dp[j].lon, dp[j].lat);
          if (direct <= max_walk_ms / 1000)
            {
              TnetEgress e = { j, TNET_ID_NONE, direct };
              g_array_append_val (egress, e);
            }
        }
      range_minutes (ws, walks, egress, depart_s, n_min, nd, pcts, np, i, no, series, column,
                     pv, od);
      if (!progress_report (prog, i + 1, no, "timetable matrix"))
        *cancelled = TRUE;
    }
  tnet_raptor_free (ws);
  return ok && !*cancelled;
}

/* The park-and-ride matrix between route ends (no GIL):
 * tnet_park_ride_matrix_ends() with the ends as #TnetTripEnd (an id end
 * its node, tnet_place_find_node(); a point its access links), into @od
 * [percentile, origin, destination] minutes (NaN: not reached). FALSE on
 * an unknown id (@error) or when @prog cancels (*@cancelled). */
static gboolean
ends_park_ride_matrix (const TnetParkRide *pr, const TnetNetwork *net, const RouteEnd *o,
                       guint no, const RouteEnd *d, guint nd, gint32 depart_s, guint n_min,
                       const double *pcts, guint np, TnetWeight max_walk_ms, Progress *prog,
                       double *od, gboolean *cancelled, GError **error)
{
  guint n = no + nd;
  g_autofree TnetTripEnd *te = g_new0 (TnetTripEnd, MAX (n, 1u));
  TnetId **ids = g_new0 (TnetId *, MAX (n, 1u));
  TnetWeight **ms = g_new0 (TnetWeight *, MAX (n, 1u));
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n; i++)
    {
      const RouteEnd *e = i < no ? &o[i] : &d[i - no];
      TnetId v = TNET_ID_NONE;
      if (e->id && (v = tnet_place_find_node (net, e->id)) == TNET_ID_NONE)
        {
          const char *sugg = tnet_place_suggest (net, e->id, FALSE);
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "unknown place '%s', expected a node id or name (park-and-ride starts "
                       "and ends at nodes or points)%s%s%s", e->id,
                       sugg ? " (did you mean '" : "", sugg ? sugg : "", sugg ? "'?)" : "");
          ok = FALSE;
          break;
        }
      trip_end_of (e, v, &te[i], &ids[i], &ms[i]);
    }
  if (ok)
    {
      g_autofree gint32 *buf = g_new (gint32, MAX ((gsize) no * nd * np, 1));
      TnetRaptorStop stop;
      tnet_raptor_stop_init (&stop);
      progress_attach (prog, &stop.progress, &stop.progress_data, &stop.cancellable);
      ok = tnet_park_ride_matrix_ends (pr, net, te, no, te + no, nd, max_walk_ms, depart_s,
                                       n_min, pcts, np, buf, &stop, error);
      /* the library's matrix fails only when stopped (G_IO_ERROR_CANCELLED) */
      if (!ok)
        {
          *cancelled = TRUE;
          g_clear_error (error);
        }
      for (guint i = 0; ok && i < no; i++)
        for (guint j = 0; j < nd; j++)
          for (guint k = 0; k < np; k++)
            {
              gint32 v = buf[((gsize) i * nd + j) * np + k];
              od[((gsize) k * no + i) * nd + j] = v == TNET_RAPTOR_UNREACHED ? NAN : v / 60.0;
            }
    }
  for (guint i = 0; i < n; i++)
    {
      g_free (ids[i]);
      g_free (ms[i]);
    }
  g_free (ids);
  g_free (ms);
  return ok;
}

/* Dataset.timetable_point_matrix(year, closures, origins, destinations,
 * depart_s, window_min, percentiles, max_walk_min=15, date=0,
 * frequency_seed=0, progress=None) -> dict: timetable_matrix()'s "minutes",
 * "feed" and "date" between ends given as node or stop ids or (lon, lat)
 * pairs, each cell what route_timetable() gives for the pair
 * (ends_timetable_matrix()); a point without an access link is never
 * reached. */
static PyObject *
dataset_timetable_point_matrix (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  MatrixArgs m;
  g_auto (Progress) prog = { 0 };
  if (!matrix_args_parse (args, kwds, &m, &prog))
    return NULL;
  PyObject *oseq = NULL, *dseq = NULL;
  if (!check_loaded (self))
    return NULL;
  guint no = 0, nd = 0;
  RouteEnd *o = route_ends_parse (m.origins, "origins", &oseq, &no), *d = NULL;
  if (o == NULL || (d = route_ends_parse (m.dests, "destinations", &dseq, &nd)) == NULL)
    {
      route_ends_free (o, no);
      Py_XDECREF (oseq);
      return NULL;
    }
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autofree double *pcts = NULL;
  g_autofree char *feed_name = NULL;
  guint np = 0, service_date = 0;
  TnetTimetable *tt = NULL;
  TnetParkRide *pr = NULL;
  PyObject *out = NULL, *r = NULL;
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, m.year, m.closures, &error);
  if (scen == NULL || !route_ends_snap_all (net, scen, o, no, &error)
      || !route_ends_snap_all (net, scen, d, nd, &error))
    {
      fail (NULL, error);
      goto out;
    }
  tt = matrix_timetable (self, &m, &pcts, &np, &feed_name);
  if (tt != NULL && m.park_ride && (pr = matrix_park_ride (self, &m, tt)) == NULL)
    goto out;
  npy_intp dims[3] = { np, no, nd };
  if (tt == NULL || (out = PyArray_SimpleNew (3, dims, NPY_FLOAT64)) == NULL)
    goto out;
  gboolean ok, cancelled = FALSE;
  Py_BEGIN_ALLOW_THREADS
  service_date = tnet_timetable_get_service_date (tt);
  ok = pr ? ends_park_ride_matrix (pr, net, o, no, d, nd, m.depart_s,
                                   MAX ((guint) m.window_min, 1u), pcts, np,
                                   tnet_weight_from_min ((guint) m.max_walk_min), &prog,
                                   PyArray_DATA ((PyArrayObject *) out), &cancelled, &error)
     : ends_timetable_matrix (tt, net, o, no, d, nd, m.depart_s,
                              MAX ((guint) m.window_min, 1u), pcts, np,
                              tnet_weight_from_min ((guint) m.max_walk_min), &prog,
                              PyArray_DATA ((PyArrayObject *) out), &cancelled, &error);
  Py_END_ALLOW_THREADS
  if (!ok)
    {
      if (cancelled && !progress_restore (&prog))
        PyErr_SetString (tnet_py_error, "timetable matrix: cancelled by the progress function");
      else if (!cancelled)
        fail (NULL, error);
      goto out;
    }
  r = pr ? Py_BuildValue ("{s:O,s:s,s:I,s:N}", "minutes", out, "feed", feed_name, "date",
                          service_date, "park_and_ride", park_ride_summary (pr))
     : Py_BuildValue ("{s:O,s:s,s:I}", "minutes", out, "feed", feed_name, "date",
                      service_date);
out:
  tnet_park_ride_free (pr);
  Py_XDECREF (out);
  if (tt)
    tnet_timetable_unref (tt);
  route_ends_free (o, no);
  route_ends_free (d, nd);
  Py_XDECREF (oseq);
  Py_XDECREF (dseq);
  return r;
}

/* ------------------------------------------------------------- corridors */

/* Appends one dict per path of @set to @out; FALSE on a Python error.
 * @mm: the profile's graph the paths run on, or NULL for a graph compiled
 * from @net. Nodes and links as `tnet corridors --format json` writes them:
 * on a profile's graph the places its journey passes
 * (tnet_corridor_path_places()) and only the arcs that run over a link. */
static gboolean
append_paths (PyObject *out, const char *set_name, const TnetNetwork *net,
              const TnetGraph *graph, const TnetMultimodal *mm, const TnetPathSet *set)
{
  for (guint i = 0; i < set->n_paths; i++)
    {
      const TnetPath *p = &set->paths[i];
      PyObject *nodes = PyList_New (0), *links = PyList_New (0);
      gboolean ok = nodes && links;
      char **places = ok ? tnet_corridor_path_places (net, mm, p) : NULL;
      for (guint k = 0; ok && places[k]; k++)
        {
          PyObject *id = PyUnicode_FromString (places[k]);
          ok = id != NULL && PyList_Append (nodes, id) == 0;
          Py_XDECREF (id);
        }
      g_strfreev (places);
      for (guint k = 0; ok && k < p->n_arcs; k++)
        {
          TnetId l = tnet_graph_arc_link (graph, p->arcs[k]);
          if (l == TNET_ID_NONE && mm != NULL)
            continue;   /* a ride, wait or transfer: no link */
          PyObject *id = PyUnicode_FromString (l != TNET_ID_NONE ? tnet_network_link (net, l)->id
                                               : "");
          ok = id != NULL && PyList_Append (links, id) == 0;
          Py_XDECREF (id);
        }
      PyObject *row = ok ? Py_BuildValue ("{s:s,s:I,s:d,s:O,s:O}", "set", set_name,
                                          "rank", i + 1, "minutes", p->time_ms / 60000.0,
                                          "nodes", nodes, "links", links)
                         : NULL;
      Py_XDECREF (nodes);
      Py_XDECREF (links);
      ok = row && PyList_Append (out, row) == 0;
      Py_XDECREF (row);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Appends one dict per timetable alternative of @corr to @out (set
 * least_time, its rank, exact minutes, its places as
 * tnet_corridor_journey_places() and no links, as `tnet corridors --format
 * json`); FALSE on a Python error. */
static gboolean
append_journeys (PyObject *out, const TnetNetwork *net, const TnetCorridor *corr)
{
  for (guint i = 0; i < corr->journeys->len; i++)
    {
      const TnetRaptorAlternative *alt = &g_array_index (corr->journeys,
                                                         TnetRaptorAlternative, i);
      g_auto (GStrv) places = tnet_corridor_journey_places (corr, net, i);
      PyObject *nodes = PyList_New (0), *links = PyList_New (0);
      gboolean ok = nodes && links;
      for (guint k = 0; ok && places[k]; k++)
        {
          PyObject *id = PyUnicode_FromString (places[k]);
          ok = id != NULL && PyList_Append (nodes, id) == 0;
          Py_XDECREF (id);
        }
      PyObject *row = ok ? Py_BuildValue ("{s:s,s:I,s:d,s:O,s:O}", "set", "least_time",
                                          "rank", i + 1, "minutes", alt->time_s / 60.0,
                                          "nodes", nodes, "links", links)
                         : NULL;
      Py_XDECREF (nodes);
      Py_XDECREF (links);
      ok = row && PyList_Append (out, row) == 0;
      Py_XDECREF (row);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The corridor of Dataset.corridors(): with @ct->timetable by the
 * scenario year's timetable (transit, or park_and_ride with its options;
 * alternatives disjoint by @dj), else on the profile's graph (@profile_s
 * NULL: over the mode group's links). *@feed keeps the timetable's names:
 * release it after the result. NULL with a Python exception set. */
static TnetCorridor *
corridors_compute (DatasetObject *self, int year, PyObject *closures, const TnetScenario *scen,
                   const TnetNodeSet *a, const TnetNodeSet *b, guint mask, guint k,
                   double budget, double factor, const char *profile_s, TnetProfile profile,
                   const CritTimetable *ct, TnetRaptorDisjoint dj, TnetFeed **feed)
{
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  TnetTimetable *tt = NULL;
  TnetParkRide *pr = NULL;
  g_autofree char *feed_name = NULL;
  if (ct->timetable)
    {
      g_autofree double *pcts = NULL;
      guint np = 0;
      PyObject *pl = Py_BuildValue ("[d]", ct->percentile);
      if (pl == NULL)
        return NULL;
      tt = timetable_setup (self, year, closures, ct->depart_s, ct->window_min,
                            ct->max_walk_min, pl, ct->date, 0, &pcts, &np, &feed_name, feed);
      Py_DECREF (pl);
      if (tt == NULL)
        return NULL;
      if (profile == TNET_PROFILE_PARK_AND_RIDE
          && (pr = park_ride_setup (self, year, closures, tt, ct->drive_min, ct->park_min,
                                    ct->radius_m)) == NULL)
        {
          tnet_timetable_unref (tt);
          return NULL;
        }
    }
  GError *error = NULL;
  TnetCorridor *corr = NULL;
  TnetWeight budget_ms = (TnetWeight) (budget * 60000.0);
  Py_BEGIN_ALLOW_THREADS
  TnetMultimodal *mm = NULL;
  TnetRaptorFailuresOptions fo;
  tnet_raptor_failures_options_init (&fo);
  fo.depart_s = ct->depart_s;
  fo.n_minutes = (guint) ct->window_min;
  fo.percentile = ct->percentile;
  fo.max_walk_ms = tnet_weight_from_min ((guint) ct->max_walk_min);
  /* without a profile the alternatives run over the mode group's links;
   * with one, they are journeys by the timetable or on the profile's
   * graph (the result keeps its own reference to either) */
  if (pr)
    corr = tnet_corridor_analyse_park_ride (net, scen, pr, feed_name, mask, a, b, k,
                                            budget_ms, factor, dj, &fo, &error);
  else if (tt)
    corr = tnet_corridor_analyse_timetable (net, scen, tt, feed_name, mask, a, b, k,
                                            budget_ms, factor, dj, &fo, &error);
  else if (profile_s == NULL)
    corr = tnet_corridor_analyse (net, scen, mask, a, b, k, budget_ms, factor, &error);
  else if (build_graphs (self, scen, &profile, 1, &mm, &error))
    {
      corr = tnet_corridor_analyse_profile (net, scen, mm, mask, a, b, k, budget_ms, factor,
                                            &error);
      tnet_multimodal_unref (mm);
    }
  tnet_park_ride_free (pr);
  if (tt)
    tnet_timetable_unref (tt);
  Py_END_ALLOW_THREADS
  if (corr == NULL)
    fail (NULL, error);
  return corr;
}

/* The dict of Dataset.corridors() for @corr: its figures, the rows of its
 * three path sets and its JSON document ("document", as `tnet corridors
 * --format json`). */
static PyObject *
corridors_result (const TnetCorridor *corr, const TnetNetwork *net, const TnetNodeSet *a,
                  const TnetNodeSet *b, int year, guint mask, const char *profile_s,
                  TnetProfile profile, double budget, double factor)
{
  PyObject *lines = PyList_New (corr->lines->len), *paths = PyList_New (0), *result = NULL;
  gboolean ok = lines && paths;
  for (guint i = 0; ok && i < corr->lines->len; i++)
    {
      PyObject *l = PyUnicode_FromString (corr->lines->pdata[i]);
      ok = l != NULL;
      if (ok)
        PyList_SET_ITEM (lines, i, l);
    }
  ok = ok && append_paths (paths, "link_disjoint", net, corr->infra_graph, NULL,
                           corr->link_disjoint)
       && append_paths (paths, "node_disjoint", net, corr->infra_graph, NULL,
                        corr->node_disjoint)
       && (corr->journeys ? append_journeys (paths, net, corr)
                          : append_paths (paths, "least_time", net, corr->graph, corr->mm,
                                          corr->fastest));
  g_autofree char *doc = ok ? tnet_corridor_to_json (corr, net, a, b, year, FALSE) : NULL;
  if (ok)
    result = Py_BuildValue ("{s:s,s:s,s:z,s:s,s:i,s:I,s:O,s:I,s:I,s:I,s:d,s:I,s:d,s:I,s:O,"
                            "s:s}",
                            "from", a->spec, "to", b->spec,
                            "profile", profile_s ? tnet_profile_to_string (profile) : NULL,
                            "modes", mask == TNET_MODES_RAIL ? "rail"
                                     : mask == TNET_MODES_ROAD ? "road" : "all",
                            "year", year, "line_count", corr->n_lines, "lines", lines,
                            "link_disjoint", corr->link_disjoint->n_paths,
                            "node_disjoint", corr->node_disjoint->n_paths,
                            "least_time", corr->journeys ? corr->journeys->len
                                                         : corr->fastest->n_paths,
                            "budget_min", budget, "within_budget", corr->n_within_budget,
                            "factor", factor, "within_factor", corr->n_within_factor,
                            "paths", paths, "document", doc);
  Py_XDECREF (lines);
  Py_XDECREF (paths);
  return result;
}

/* Dataset.corridors(year, closures, a, b, modes, k, budget, factor,
 * profile, timetable, depart_s, window_min, percentile, max_walk_min,
 * date, disjoint, drive_budget_min, park_min, parking_radius_m) -> dict:
 * the line count, the disjoint path sets and the least-time alternatives
 * of `tnet corridors A B`, with @profile as its --profile and, with
 * @timetable, transit and park_and_ride by the timetable with the
 * command's --depart --window --percentile --max-walk --date --disjoint
 * (and park-and-ride's options). */
static PyObject *
dataset_corridors (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "a", "b", "modes", "k", "budget", "factor",
                            "profile", "timetable", "depart_s", "window_min", "percentile",
                            "max_walk_min", "date", "disjoint", "drive_budget_min", "park_min",
                            "parking_radius_m", NULL };
  int year;
  unsigned int k = 5;
  PyObject *closures;
  const char *a_spec, *b_spec, *modes = "all", *profile_s = NULL, *disjoint_s = "hops";
  double budget = 60, factor = 1.5;
  CritTimetable ct = { 0, 8 * 3600, 0, 15, 50, 0, 30, 5, 400 };
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOss|sIddzpiidiIsiid", kwlist, &year,
                                    &closures, &a_spec, &b_spec, &modes, &k, &budget, &factor,
                                    &profile_s, &ct.timetable, &ct.depart_s, &ct.window_min,
                                    &ct.percentile, &ct.max_walk_min, &ct.date, &disjoint_s,
                                    &ct.drive_min, &ct.park_min, &ct.radius_m))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  TnetProfile profile = TNET_PROFILE_CAR;
  if (profile_s && !tnet_profile_from_string (profile_s, &profile))
    return PyErr_Format (PyExc_ValueError, "profile: expected car, transit or park_and_ride, "
                         "got '%s'", profile_s);
  guint mask;
  if (!tnet_corridor_modes_from_string (modes, &mask))
    return PyErr_Format (PyExc_ValueError, "modes: expected rail, road or all, got '%s'", modes);
  if (k < 1 || k > 1000 || !(budget > 0) || !isfinite (budget) || !(factor >= 1)
      || !isfinite (factor))
    return PyErr_Format (PyExc_ValueError, "expected k in 1..1000, budget > 0 and factor >= 1");
  TnetRaptorDisjoint dj = strcmp (disjoint_s, "lines") == 0 ? TNET_RAPTOR_DISJOINT_LINES
                                                           : TNET_RAPTOR_DISJOINT_HOPS;
  if (strcmp (disjoint_s, "hops") != 0 && strcmp (disjoint_s, "lines") != 0)
    return PyErr_Format (PyExc_ValueError, "disjoint: expected hops or lines, got '%s'",
                         disjoint_s);
  if (ct.timetable && (profile_s == NULL || profile == TNET_PROFILE_CAR
                       || !(ct.percentile >= 0 && ct.percentile <= 100)))
    return PyErr_Format (PyExc_ValueError, "timetable: for transit and park_and_ride, with "
                         "a percentile in 0..100");
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return fail (NULL, error);
  g_autoptr (TnetNodeSet) a = tnet_node_set_resolve (net, a_spec, &error);
  g_autoptr (TnetNodeSet) b = a ? tnet_node_set_resolve (net, b_spec, &error) : NULL;
  if (b == NULL)
    return fail (NULL, error);
  TnetFeed *feed = NULL;
  TnetCorridor *corr = corridors_compute (self, year, closures, scen, a, b, mask, k, budget,
                                          factor, profile_s, profile, &ct, dj, &feed);
  PyObject *result = corr ? corridors_result (corr, net, a, b, year, mask, profile_s, profile,
                                              budget, factor)
                          : NULL;
  if (corr)
    tnet_corridor_free (corr);
  if (feed)
    tnet_feed_unref (feed);
  return result;
}

/* ------------------------------------------------------------- transfers */

static PyObject *
num_or_none (double v)
{
  if (isnan (v))
    Py_RETURN_NONE;
  return PyFloat_FromDouble (v);
}

/* Dataset.transfers(year, closures) -> (hubs, pairs): lists of dicts, one
 * per hub of hubs.csv and one per ordered pair of services at a hub, as
 * `tnet transfers --format json` (values unrounded). */
static PyObject *
dataset_transfers (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", NULL };
  int year;
  PyObject *closures;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iO", kwlist, &year, &closures))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  GError *error = NULL;
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return fail (NULL, error);
  const TnetHubSet *hubs = tnet_dataset_get_hubs (self->ds);
  if (hubs == NULL)
    {
      g_set_error (&error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "%s/hubs.csv: no hubs.csv in the network folder",
                   tnet_dataset_get_dir (self->ds));
      return fail (NULL, error);
    }
  const TnetFeed *feed = NULL;
  TnetHubTransfers *t = NULL;
  gboolean ok;
  Py_BEGIN_ALLOW_THREADS
  ok = tnet_dataset_get_feed (self->ds, year, &feed, &error);
  if (ok)
    t = tnet_hub_transfers_compute (hubs, feed, scen);
  Py_END_ALLOW_THREADS
  if (!ok)
    return fail (NULL, error);
  PyObject *hub_list = PyList_New (0), *pair_list = PyList_New (0);
  PyObject *result = NULL;
  gboolean good = hub_list && pair_list;
  for (guint i = 0; good && i < tnet_hub_transfers_n_hubs (t); i++)
    {
      const TnetHubTable *tab = tnet_hub_transfers_get (t, i);
      const TnetHub *h = tab->hub;
      PyObject *row = Py_BuildValue (
        "{s:s,s:s,s:z,s:s,s:i,s:O,s:s,s:I,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:I}",
        "hub", h->id, "name", h->name, "name_en", h->name_en,
        "kind", tnet_hub_kind_to_string (h->kind), "open_year", h->open_year,
        "in_service", tab->in_service ? Py_True : Py_False, "status", tab->status,
        "services", tab->n_services,
        "target_min", tab->has_target ? PyFloat_FromDouble (tnet_weight_to_min (h->target_ms))
                                      : num_or_none (NAN),
        "pass", tab->has_target ? PyBool_FromLong (tab->pass) : num_or_none (NAN),
        "mean_walk_min", num_or_none (tab->mean_walk_ms / 60000.0),
        "mean_walk_wait_min", num_or_none (tab->mean_walk_wait_ms / 60000.0),
        "weighted_walk_min", num_or_none (tab->weighted_walk_ms / 60000.0),
        "weighted_walk_wait_min", num_or_none (tab->weighted_walk_wait_ms / 60000.0),
        "mean_connection_wait_min", num_or_none (tab->mean_connection_wait_ms / 60000.0),
        "pairs", tab->n_pairs);
      good = row && PyList_Append (hub_list, row) == 0;
      Py_XDECREF (row);
      for (guint k = 0; good && k < tab->n_pairs; k++)
        {
          const TnetTransferPair *pr = &tab->pairs[k];
          PyObject *pp = Py_BuildValue (
            "{s:s,s:s,s:s,s:z,s:z,s:s,s:s,s:z,s:z,s:d,s:d,s:d,s:d,s:d,s:d,s:d,s:O,s:N}",
            "hub", h->id, "from", pr->from_service, "to", pr->to_service,
            "from_route", pr->from_route, "to_route", pr->to_route,
            "from_mode", tnet_mode_to_string (pr->from_mode),
            "to_mode", tnet_mode_to_string (pr->to_mode),
            "from_stop", pr->from_stop, "to_stop", pr->to_stop,
            "walk_min", pr->walk_ms / 60000.0, "headway_min", pr->headway_ms / 60000.0,
            "wait_min", pr->wait_ms / 60000.0, "walk_wait_min", pr->walk_wait_ms / 60000.0,
            "from_trips_per_hour", pr->from_trips_per_hour,
            "to_trips_per_hour", pr->to_trips_per_hour, "weight", pr->weight,
            "timetabled", pr->timetabled ? Py_True : Py_False,
            "connection_wait_min",
            num_or_none (pr->timetabled ? pr->connection_wait_ms / 60000.0 : NAN));
          good = pp && PyList_Append (pair_list, pp) == 0;
          Py_XDECREF (pp);
        }
    }
  if (good)
    result = Py_BuildValue ("(OO)", hub_list, pair_list);
  Py_XDECREF (hub_list);
  Py_XDECREF (pair_list);
  tnet_hub_transfers_free (t);
  return result;
}

/* ---------------------------------------------------------------- report */

/* The report's columns: the baseline year beside the scenario, or the
 * scenario alone when it is the baseline without closures. Returns the
 * number of columns; @owned holds what the caller frees. */
static guint
report_columns (TnetDataset *ds, int year, PyObject *closures, int baseline,
                const TnetScenario *columns[2], TnetScenario *owned[2], GError **error)
{
  owned[0] = owned[1] = NULL;
  if ((owned[1] = make_scenario (ds, year, closures, error)) == NULL)
    return 0;
  if (year == baseline && (closures == Py_None || PyObject_Length (closures) == 0))
    {
      columns[0] = owned[1];
      return 1;
    }
  owned[0] = tnet_scenario_new (baseline);
  columns[0] = owned[0];
  columns[1] = owned[1];
  return 2;
}

/* Dataset.report_json(year, closures, baseline=2020, draws=0, seed=1,
 * threads=0) -> the report as JSON text (with @draws: the uncertainty
 * draws of tnet_report_compute_uncertain()). */
static PyObject *
dataset_report_json (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "baseline", "draws", "seed", "threads", NULL };
  int year, baseline = 2020;
  unsigned int n_draws = 0, threads = 0;
  unsigned long long seed = 1;
  PyObject *closures;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iO|iIKI", kwlist, &year, &closures,
                                    &baseline, &n_draws, &seed, &threads))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  GError *error = NULL;
  const TnetScenario *columns[2];
  TnetScenario *owned[2];
  guint n_columns = report_columns (self->ds, year, closures, baseline, columns, owned, &error);
  if (n_columns == 0)
    return fail (NULL, error);
  char *text = NULL;
  Py_BEGIN_ALLOW_THREADS
  TnetReport *report = n_draws > 0
    ? tnet_report_compute_uncertain (self->ds, columns, n_columns, n_draws, seed, threads,
                                     &error)
    : tnet_report_compute (self->ds, columns, n_columns, &error);
  if (report)
    text = tnet_report_to_json (report, FALSE);
  tnet_report_free (report);
  Py_END_ALLOW_THREADS
  tnet_scenario_free (owned[0]);
  tnet_scenario_free (owned[1]);
  if (text == NULL)
    return fail (NULL, error);
  PyObject *r = PyUnicode_FromString (text);
  g_free (text);
  return r;
}

/* Dataset.report_draws(year, closures, baseline, first, count, seed=1,
 * threads=0) -> float64 array [count, values per draw]: the draws first ..
 * first + count - 1 of report_json(draws=...) (tnet_report_draw_values()). */
static PyObject *
dataset_report_draws (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "baseline", "first", "count", "seed",
                            "threads", NULL };
  int year, baseline;
  unsigned int first, count, threads = 0;
  unsigned long long seed = 1;
  PyObject *closures;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOiII|KI", kwlist, &year, &closures,
                                    &baseline, &first, &count, &seed, &threads))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  GError *error = NULL;
  const TnetScenario *columns[2];
  TnetScenario *owned[2];
  guint n_columns = report_columns (self->ds, year, closures, baseline, columns, owned, &error);
  if (n_columns == 0)
    return fail (NULL, error);
  double *values = NULL;
  guint per = 0;
  gboolean ok;
  Py_BEGIN_ALLOW_THREADS
  TnetReport *report = tnet_report_compute (self->ds, columns, n_columns, &error);
  ok = report != NULL;
  if (ok)
    {
      per = tnet_report_n_draw_values (report);
      values = g_new (double, MAX ((gsize) count * per, 1));
      ok = tnet_report_draw_values (report, self->ds, columns, n_columns, first, count, seed,
                                    threads, values, &error);
    }
  tnet_report_free (report);
  Py_END_ALLOW_THREADS
  tnet_scenario_free (owned[0]);
  tnet_scenario_free (owned[1]);
  if (!ok)
    {
      g_free (values);
      return fail (NULL, error);
    }
  npy_intp dims[2] = { count, per };
  PyObject *a = PyArray_SimpleNew (2, dims, NPY_FLOAT64);
  if (a)
    memcpy (PyArray_DATA ((PyArrayObject *) a), values, sizeof (double) * count * per);
  g_free (values);
  return a;
}

/* Dataset.report_json_draws(year, closures, baseline, values) -> the
 * report as JSON text with the spread of @values (every draw, in draw
 * order, as report_draws() gives them) attached (tnet_report_set_draws()). */
static PyObject *
dataset_report_json_draws (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "baseline", "values", NULL };
  int year, baseline;
  PyObject *closures, *values_obj;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOiO", kwlist, &year, &closures, &baseline,
                                    &values_obj))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  PyArrayObject *values = (PyArrayObject *) PyArray_FROMANY (values_obj, NPY_FLOAT64, 2, 2,
                                                             NPY_ARRAY_IN_ARRAY);
  if (values == NULL)
    return NULL;
  if (PyArray_DIM (values, 0) < 1)
    {
      Py_DECREF (values);
      return PyErr_Format (PyExc_ValueError, "values: expected at least one draw");
    }
  GError *error = NULL;
  const TnetScenario *columns[2];
  TnetScenario *owned[2];
  guint n_columns = report_columns (self->ds, year, closures, baseline, columns, owned, &error);
  if (n_columns == 0)
    {
      Py_DECREF (values);
      return fail (NULL, error);
    }
  char *text = NULL;
  gboolean shape_ok = TRUE;
  guint n_draws = (guint) PyArray_DIM (values, 0);
  npy_intp width = PyArray_DIM (values, 1);
  guint per = 0;
  Py_BEGIN_ALLOW_THREADS
  TnetReport *report = tnet_report_compute (self->ds, columns, n_columns, &error);
  if (report)
    {
      per = tnet_report_n_draw_values (report);
      shape_ok = width == (npy_intp) per;
      if (shape_ok)
        {
          tnet_report_set_draws (report, PyArray_DATA (values), n_draws);
          text = tnet_report_to_json (report, FALSE);
        }
    }
  tnet_report_free (report);
  Py_END_ALLOW_THREADS
  Py_DECREF (values);
  tnet_scenario_free (owned[0]);
  tnet_scenario_free (owned[1]);
  if (!shape_ok)
    return PyErr_Format (PyExc_ValueError, "values: expected %u numbers per draw, got %zd",
                         per, (Py_ssize_t) width);
  if (text == NULL)
    return fail (NULL, error);
  PyObject *r = PyUnicode_FromString (text);
  g_free (text);
  return r;
}

/* ------------------------------------------------------------------ init */

/* init(dir, osm, gtfs, zones, region_column=None, name=None, progress=None)
 * -> dict of the counts of tnet_folder_init(). */
static PyObject *
py_folder_init (PyObject *module, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "dir", "osm", "gtfs", "zones", "region_column", "name",
                            "progress", NULL };
  const char *dir, *osm, *zones, *region_column = NULL, *name = NULL;
  PyObject *gtfs_obj;
  g_auto (Progress) prog = { 0 };
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "ssOs|zzO", kwlist, &dir, &osm, &gtfs_obj,
                                    &zones, &region_column, &name, &prog.callable))
    return NULL;
  PyObject *seq = PySequence_Fast (gtfs_obj, "gtfs: expected a list of feed paths");
  if (seq == NULL)
    return NULL;
  Py_ssize_t ng = PySequence_Fast_GET_SIZE (seq);
  g_autoptr (GPtrArray) gtfs = g_ptr_array_new_with_free_func (g_free);
  for (Py_ssize_t i = 0; i < ng; i++)
    {
      const char *path = PyUnicode_AsUTF8 (PySequence_Fast_GET_ITEM (seq, i));
      if (path == NULL)
        {
          Py_DECREF (seq);
          return NULL;
        }
      g_ptr_array_add (gtfs, g_strdup (path));
    }
  Py_DECREF (seq);
  g_ptr_array_add (gtfs, NULL);
  TnetInitOptions opts;
  tnet_init_options_init (&opts);
  opts.osm_path = osm;
  opts.gtfs_paths = (const char *const *) gtfs->pdata;
  opts.zones_path = zones;
  opts.region_column = region_column;
  opts.name = name;
  progress_attach (&prog, &opts.progress, &opts.progress_data, &opts.cancellable);
  TnetInitStats st = { 0 };
  GError *error = NULL;
  gboolean ok;
  Py_BEGIN_ALLOW_THREADS
  ok = tnet_folder_init (dir, &opts, &st, &error);
  Py_END_ALLOW_THREADS
  if (!ok)
    return fail (&prog, error);
  return Py_BuildValue ("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:d}",
                        "road_nodes", st.n_road_nodes, "road_links", st.n_road_links,
                        "car_nodes", st.n_car_nodes, "walk_nodes", st.n_walk_nodes,
                        "zones", st.n_zones, "zones_unlinked", st.n_zones_unlinked,
                        "access_links", st.n_access_links, "feeds", st.n_feeds,
                        "stops", st.n_stops, "stops_linked", st.n_stops_linked,
                        "regions", st.n_regions, "max_access_m", st.max_access_m);
}

/* ---------------------------------------------------------------- module */

/* ---------------------------------------------------------------- points */

/* Places that are node ids or points: each item of @obj is a node id (str)
 * or a (lon, lat) pair. Appends the node (TNET_ID_NONE for a point) to
 * @nodes and, for a point, its lon and lat to @lonlat. */
static gboolean
parse_places_points (const TnetNetwork *net, PyObject *obj, GArray *nodes, GArray *lonlat,
                     GError **error)
{
  PyObject *seq = PySequence_Fast (obj, "expected a list of node ids and (lon, lat) pairs");
  if (seq == NULL)
    return FALSE;
  gboolean ok = TRUE;
  for (Py_ssize_t i = 0; ok && i < PySequence_Fast_GET_SIZE (seq); i++)
    {
      PyObject *item = PySequence_Fast_GET_ITEM (seq, i);
      TnetId v = TNET_ID_NONE;
      if (PyUnicode_Check (item))
        {
          const char *id = PyUnicode_AsUTF8 (item);
          if (id == NULL)
            ok = FALSE;
          else if ((v = tnet_network_find_node (net, id)) == TNET_ID_NONE)
            {
              g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "unknown node \"%s\"", id);
              ok = FALSE;
            }
        }
      else
        {
          double ll[2];
          if (!PyArg_ParseTuple (item, "dd;expected a node id or a (lon, lat) pair", &ll[0],
                                 &ll[1]))
            ok = FALSE;
          else
            g_array_append_vals (lonlat, ll, 2);
        }
      if (ok)
        g_array_append_val (nodes, v);
    }
  Py_DECREF (seq);
  if (ok && nodes->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "no place given");
      return FALSE;
    }
  return ok;
}

/* The time of an access link of @time_ms, as the graph weighs a link
 * (tnet_scenario_link_time_ms(): at least 1). */
static TnetWeight
access_ms (TnetWeight time_ms)
{
  return MAX (time_ms, 1u);
}

/* Search sources for place @i of @nodes: the node itself at 0, or the
 * start nodes of the point's access candidates at their access times.
 * @pt is the index of the place's point among the points of @nodes. */
static guint
place_sources (const TnetMultimodal *mm, const GArray *nodes, guint i, guint pt,
               const guint *first, const TnetAccessCandidate *cand, TnetId *starts,
               TnetWeight *offsets)
{
  TnetId v = g_array_index (nodes, TnetId, i);
  if (v != TNET_ID_NONE)
    {
      starts[0] = tnet_multimodal_origin_node (mm, v);
      offsets[0] = 0;
      return 1;
    }
  guint n = 0;
  for (guint c = first[pt]; c < first[pt + 1]; c++, n++)
    {
      starts[n] = tnet_multimodal_origin_node (mm, cand[c].node);
      offsets[n] = access_ms (cand[c].time_ms);
    }
  return n;
}

/* Snaps the points of @lonlat (tnet_network_snap_points() with the
 * defaults of tnet init, the scenario's street networks). */
static gboolean
snap_places (const TnetNetwork *net, const TnetScenario *scen, const GArray *lonlat,
             guint **first, TnetAccessCandidate **cand, GError **error)
{
  if (lonlat->len == 0)
    {
      *first = g_new0 (guint, 1);
      *cand = NULL;
      return TRUE;
    }
  return tnet_network_snap_points (net, scen, NULL, (const double *) (void *) lonlat->data,
                                   lonlat->len / 2, first, cand, error);
}

/* Dataset.snap_points(year, closures, lonlat) -> dict: the access
 * candidates tnet init would give a zone at each (lon, lat) pair: "first"
 * (uint32, n + 1 offsets), "node" (ids), "network" ("road" or "walk"),
 * "distance_m" and "time_min" (float64; the candidate's time_ms in minutes). */
static PyObject *
dataset_snap_points (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "points", NULL };
  int year;
  PyObject *closures, *points;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOO", kwlist, &year, &closures, &points))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return error ? fail (NULL, error) : NULL;
  g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  if (!parse_places_points (net, points, nodes, lonlat, &error))
    return error ? fail (NULL, error) : NULL;
  if (lonlat->len != 2 * nodes->len)
    return PyErr_Format (PyExc_TypeError, "points: expected (lon, lat) pairs, not node ids");
  g_autofree guint *first = NULL;
  g_autofree TnetAccessCandidate *cand = NULL;
  gboolean ok;
  Py_BEGIN_ALLOW_THREADS
  ok = snap_places (net, scen, lonlat, &first, &cand, &error);
  Py_END_ALLOW_THREADS
  if (!ok)
    return fail (NULL, error);
  guint np = nodes->len, nc = first[np];
  npy_intp dims = (npy_intp) np + 1, dc = nc;
  PyObject *fa = PyArray_SimpleNew (1, &dims, NPY_UINT32);
  PyObject *da = PyArray_SimpleNew (1, &dc, NPY_FLOAT64);
  PyObject *ta = PyArray_SimpleNew (1, &dc, NPY_FLOAT64);
  PyObject *ids = PyList_New (nc), *nets = PyList_New (nc);
  PyObject *out = NULL;
  if (fa && da && ta && ids && nets)
    {
      memcpy (PyArray_DATA ((PyArrayObject *) fa), first, (np + 1) * sizeof (guint));
      gboolean good = TRUE;
      for (guint c = 0; c < nc && good; c++)
        {
          ((double *) PyArray_DATA ((PyArrayObject *) da))[c] = cand[c].distance_m;
          ((double *) PyArray_DATA ((PyArrayObject *) ta))[c]
            = tnet_weight_to_min (cand[c].time_ms);
          PyObject *id = PyUnicode_FromString (tnet_network_node (net, cand[c].node)->id);
          PyObject *nw = PyUnicode_FromString (cand[c].network == TNET_MODE_WALK ? "walk"
                                                                                 : "road");
          good = id && nw;
          if (id)
            PyList_SET_ITEM (ids, c, id);
          if (nw)
            PyList_SET_ITEM (nets, c, nw);
        }
      if (good)
        out = Py_BuildValue ("{sOsOsOsOsO}", "first", fa, "node", ids, "network", nets,
                             "distance_m", da, "time_min", ta);
    }
  Py_XDECREF (fa);
  Py_XDECREF (da);
  Py_XDECREF (ta);
  Py_XDECREF (ids);
  Py_XDECREF (nets);
  return out;
}

/* Dataset.point_matrix(year, closures, origins, destinations, profile='car')
 * -> float64 array [origin, destination] of minutes (NaN: not reached).
 * Origins and destinations are node ids or (lon, lat) points; a point
 * starts (or ends) on the access links tnet init would give a zone there
 * (tnet_network_snap_points()): one multi-source search per origin from
 * its candidates at their access times; a destination point takes the best
 * of its candidates' times plus their access times. A point with no
 * candidate (beyond the maximum access distance) is never reached. */
static PyObject *
dataset_point_matrix (DatasetObject *self, PyObject *args, PyObject *kwds)
{
  static char *kwlist[] = { "year", "closures", "origins", "destinations", "profile", NULL };
  int year;
  PyObject *closures, *orig_obj, *dest_obj;
  const char *profile_s = "car";
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "iOOO|s", kwlist, &year, &closures, &orig_obj,
                                    &dest_obj, &profile_s))
    return NULL;
  if (!check_loaded (self))
    return NULL;
  TnetProfile profile;
  if (!tnet_profile_from_string (profile_s, &profile))
    return PyErr_Format (PyExc_ValueError, "profile: expected car, transit or park_and_ride, "
                         "got '%s'", profile_s);
  GError *error = NULL;
  const TnetNetwork *net = tnet_dataset_get_network (self->ds);
  g_autoptr (TnetScenario) scen = make_scenario (self->ds, year, closures, &error);
  if (scen == NULL)
    return error ? fail (NULL, error) : NULL;
  g_autoptr (GArray) on = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) dn = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) oll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) dll = g_array_new (FALSE, FALSE, sizeof (double));
  if (!parse_places_points (net, orig_obj, on, oll, &error)
      || !parse_places_points (net, dest_obj, dn, dll, &error))
    return error ? fail (NULL, error) : NULL;
  guint no = on->len, nd = dn->len;
  npy_intp dims[2] = { no, nd };
  PyObject *a = PyArray_SimpleNew (2, dims, NPY_FLOAT64);
  if (a == NULL)
    return NULL;
  double *minutes = PyArray_DATA ((PyArrayObject *) a);
  g_autofree guint *of = NULL, *df = NULL;
  g_autofree TnetAccessCandidate *oc = NULL, *dc = NULL;
  TnetMultimodal *mm = NULL;
  gboolean ok;
  Py_BEGIN_ALLOW_THREADS
  ok = snap_places (net, scen, oll, &of, &oc, &error)
       && snap_places (net, scen, dll, &df, &dc, &error)
       && build_graphs (self, scen, &profile, 1, &mm, &error);
  if (ok)
    {
      g_autoptr (TnetSearch) search = tnet_search_new (tnet_multimodal_get_graph (mm));
      const TnetMetric *metric = tnet_multimodal_get_metric (mm);
      guint max_c = 1;
      for (guint i = 0; i < oll->len / 2; i++)
        max_c = MAX (max_c, of[i + 1] - of[i]);
      g_autofree TnetId *starts = g_new (TnetId, max_c);
      g_autofree TnetWeight *offsets = g_new (TnetWeight, max_c);
      for (guint o = 0, opt = 0; o < no; o++)
        {
          gboolean is_pt = g_array_index (on, TnetId, o) == TNET_ID_NONE;
          guint ns = place_sources (mm, on, o, opt, of, oc, starts, offsets);
          opt += is_pt;
          if (ns)
            tnet_search_run_multi (search, metric, starts, offsets, ns, TNET_FORWARD,
                                   TNET_WEIGHT_INF, TNET_ID_NONE);
          for (guint d = 0, dpt = 0; d < nd; d++)
            {
              TnetId v = g_array_index (dn, TnetId, d);
              TnetWeight best = TNET_WEIGHT_INF;
              if (ns && v != TNET_ID_NONE)
                best = tnet_search_distance (search, tnet_multimodal_destination_node (mm, v));
              else if (ns)
                {
                  for (guint c = df[dpt]; c < df[dpt + 1]; c++)
                    {
                      TnetWeight t = tnet_search_distance (
                        search, tnet_multimodal_destination_node (mm, dc[c].node));
                      if (t == TNET_WEIGHT_INF)
                        continue;
                      guint64 sum = (guint64) t + access_ms (dc[c].time_ms);
                      if (sum < best)
                        best = (TnetWeight) sum;
                    }
                }
              dpt += v == TNET_ID_NONE;
              minutes[(gsize) o * nd + d] = ms_to_min (best);
            }
        }
      tnet_multimodal_unref (mm);
    }
  Py_END_ALLOW_THREADS
  if (!ok)
    {
      Py_DECREF (a);
      return fail (NULL, error);
    }
  return a;
}

/* Dataset.feed_path(year) -> the path of the GTFS feed of @year in the
 * folder (gtfs-YEAR/, else gtfs/; tnet_feed_path_for_year()), or None
 * when it has none: whether transit can follow a timetable. */
static PyObject *
dataset_feed_path (DatasetObject *self, PyObject *arg)
{
  long year = PyLong_AsLong (arg);
  if (year == -1 && PyErr_Occurred ())
    return NULL;
  if (!check_loaded (self))
    return NULL;
  const char *dir = tnet_dataset_get_dir (self->ds);
  g_autofree char *path = dir ? tnet_feed_path_for_year (dir, (int) year) : NULL;
  if (path == NULL)
    Py_RETURN_NONE;
  return PyUnicode_FromString (path);
}

static PyMethodDef dataset_methods[] = {
  { "feed_path", (PyCFunction) dataset_feed_path, METH_O,
    "feed_path(year) -> the path of the year's GTFS feed in the folder, or None" },
  { "snap_points", (PyCFunction) (void (*) (void)) dataset_snap_points,
    METH_VARARGS | METH_KEYWORDS,
    "snap_points(year, closures, points) -> dict of the access candidates tnet init would "
    "give a zone at each (lon, lat) pair (first: uint32 offsets; node, network lists; "
    "distance_m, time_min float64)" },
  { "timetable_point_matrix", (PyCFunction) (void (*) (void)) dataset_timetable_point_matrix,
    METH_VARARGS | METH_KEYWORDS,
    "timetable_point_matrix(year, closures, origins, destinations, depart_s, window_min, "
    "percentiles, max_walk_min=15, date=0, frequency_seed=0, progress=None) -> dict: "
    "timetable_matrix()'s minutes, feed and date between node or stop ids and (lon, lat) "
    "pairs, each cell what route_timetable() gives for the pair" },
  { "point_matrix", (PyCFunction) (void (*) (void)) dataset_point_matrix,
    METH_VARARGS | METH_KEYWORDS,
    "point_matrix(year, closures, origins, destinations, profile='car') -> float64 array "
    "[origin, destination] of minutes (NaN: not reached); places are node ids or (lon, lat) "
    "pairs, a pair starting or ending on the access links tnet init would give a zone there" },
  { "nodes", (PyCFunction) dataset_nodes, METH_NOARGS,
    "nodes() -> dict of the network's node columns (id, name, kind, region lists; lon, lat, "
    "population float64 arrays)" },
  { "select", (PyCFunction) dataset_select, METH_O,
    "select(places) -> list of the node ids a place spec (str) or list of ids stands for" },
  { "commute_timing", (PyCFunction) dataset_commute_timing, METH_NOARGS,
    "commute_timing() -> the defaults of commute()'s timetable keywords (depart, date, "
    "window, max_walk, percentiles, drive_budget, park_time, parking_radius): the plan's "
    "first [commute] group's when it has depart, else 08:00, None, 0, 15, [5, 25, 50, 75, "
    "95], 30, 5, 400" },
  { "plan_commute", (PyCFunction) dataset_plan_commute, METH_NOARGS,
    "plan_commute() -> the plan's first [commute] group (origins, destinations, profiles, "
    "budget) or None" },
  { "commute", (PyCFunction) (void (*) (void)) dataset_commute, METH_VARARGS | METH_KEYWORDS,
    "commute(year, closures, origins, destinations, profiles, budget=60, direction='to', "
    "method='auto', progress=None, parts=True, timetable=False, depart_s=28800, "
    "window_min=0, percentiles=None, max_walk_min=15, date=0, frequency_seed=0, "
    "drive_budget_min=30, park_min=5, parking_radius_m=400) -> dict of arrays [profile, "
    "origin, destination] in minutes (NaN: not reached); with timetable=True transit and "
    "park_and_ride by the year's timetable (models, percentiles, percentile_minutes "
    "[profile, percentile, origin, destination], feed, date, park_and_ride)" },
  { "isochrone", (PyCFunction) (void (*) (void)) dataset_isochrone,
    METH_VARARGS | METH_KEYWORDS,
    "isochrone(year, closures, sources, minutes, profile='car', timetable=False, "
    "depart_s=28800, window_min=0, percentiles=[50], max_walk_min=15, date=0, "
    "frequency_seed=0, drive_budget_min=30, park_min=5, parking_radius_m=400) -> float64 "
    "array of minutes per node (NaN beyond the budget); timetable=True: transit and "
    "park_and_ride by the year's timetable, as `tnet isochrone`" },
  { "isochrone_bands", (PyCFunction) (void (*) (void)) dataset_isochrone_bands,
    METH_VARARGS | METH_KEYWORDS,
    "isochrone_bands(year, closures, sources, cutoffs, profile='car', walk_kmh=5, "
    "max_walk_m=1000, simplify_m=10, timetable=False, ...) -> dict (geojson: the polygons "
    "of `tnet isochrone --polygons`; area_km2: float64 per band); the timetable options "
    "as isochrone()" },
  { "accessibility", (PyCFunction) (void (*) (void)) dataset_accessibility,
    METH_VARARGS | METH_KEYWORDS,
    "accessibility(year, closures, opportunities, cutoffs, profile='car', population=None, "
    "progress=None, origins=None, minutes=None, depart_s=-1, window_min=0, percentile=50, "
    "max_walk_min=15, date=0, frequency_seed=0, drive_budget_min=30, park_min=5, "
    "parking_radius_m=400) -> dict (values: float64 array [zone, "
    "cutoff]; rows: every zone, or the zone ids of origins, the mean then over those rows; "
    "with minutes [origin, zone of zones.csv] the rows of those travel times, labelled by "
    "origins, weights 1; population: the rows' weights or None; all_zones: every zone id of "
    "zones.csv; model, feed, date; depart_s >= 0: transit or park_and_ride by the "
    "timetable)" },
  { "zone_ids", (PyCFunction) dataset_zone_ids, METH_NOARGS,
    "zone_ids() -> the ids of the folder's zones.csv, in its order" },
  { "route", (PyCFunction) (void (*) (void)) dataset_route, METH_VARARGS | METH_KEYWORDS,
    "route(year, closures, origin, destination, profile='car') -> dict with the legs; "
    "origin and destination: node or stop ids, or (lon, lat) points on their access links" },
  { "route_timetable", (PyCFunction) (void (*) (void)) dataset_route_timetable,
    METH_VARARGS | METH_KEYWORDS,
    "route_timetable(year, closures, origin, destination, depart_s, window_min, percentiles, "
    "max_walk_min=15, date=0, frequency_seed=0, park_ride=False, drive_budget_min=30, "
    "park_min=5, parking_radius_m=400) -> dict with the legs, the per-minute travel "
    "times and their percentiles (tnet route --profile transit, or park_and_ride with "
    "park_ride); an end is an id or a (lon, lat) pair" },
  { "criticality", (PyCFunction) (void (*) (void)) dataset_criticality,
    METH_VARARGS | METH_KEYWORDS,
    "criticality(year, closures, a, b, by_line=False, profile='car', budget=60, "
    "threads=0, progress=None, element_blocks=0, element_block=0, top=10, timetable=False, "
    "depart_s=28800, window_min=0, percentile=50, max_walk_min=15, date=0, "
    "drive_budget_min=30, park_min=5, parking_radius_m=400) -> dict of columns, one "
    "entry per ranked link or line (element: its index; with element_blocks > 1 only the "
    "elements e with e % element_blocks == element_block), and 'document': the JSON of "
    "`tnet criticality --format json` for the top first; with timetable, transit and "
    "park_and_ride by the scenario year's timetable (tnet_corridor_criticality_timetable(), "
    "tnet_corridor_criticality_park_ride()), else on the profile's graph" },
  { "timetable_matrix", (PyCFunction) (void (*) (void)) dataset_timetable_matrix,
    METH_VARARGS | METH_KEYWORDS,
    "timetable_matrix(year, closures, origins, destinations, depart_s, window_min, "
    "percentiles, max_walk_min=15, date=0, frequency_seed=0, progress=None, "
    "park_ride=False, drive_budget_min=30, park_min=5, parking_radius_m=400) -> dict "
    "(minutes: float64 [percentile, origin, destination]; park_ride: park-and-ride, "
    "tnet_park_ride_matrix())" },
  { "corridors", (PyCFunction) (void (*) (void)) dataset_corridors,
    METH_VARARGS | METH_KEYWORDS,
    "corridors(year, closures, a, b, modes='all', k=5, budget=60, factor=1.5, "
    "profile=None) -> dict (tnet corridors [--profile P])" },
  { "transfers", (PyCFunction) (void (*) (void)) dataset_transfers,
    METH_VARARGS | METH_KEYWORDS,
    "transfers(year, closures) -> (hubs, pairs): lists of dicts (tnet transfers)" },
  { "plan_value", (PyCFunction) dataset_plan_value, METH_O,
    "plan_value(key) -> a number of the plan's [report] group (or its default)" },
  { "report_json", (PyCFunction) (void (*) (void)) dataset_report_json,
    METH_VARARGS | METH_KEYWORDS,
    "report_json(year, closures, baseline=2020, draws=0, seed=1, threads=0) -> the report as "
    "JSON text (with draws: the spread of the uncertainty draws)" },
  { "report_draws", (PyCFunction) (void (*) (void)) dataset_report_draws,
    METH_VARARGS | METH_KEYWORDS,
    "report_draws(year, closures, baseline, first, count, seed=1, threads=0) -> float64 "
    "array [draw, value]: the indicator values of draws first .. first + count - 1" },
  { "report_json_draws", (PyCFunction) (void (*) (void)) dataset_report_json_draws,
    METH_VARARGS | METH_KEYWORDS,
    "report_json_draws(year, closures, baseline, values) -> the report as JSON text with "
    "the spread of values (every draw of report_draws, in draw order)" },
  { NULL }
};

static PyGetSetDef dataset_getset[] = {
  { "path", (getter) dataset_get_path, NULL, "the folder as given", NULL },
  { "name", (getter) dataset_get_name, NULL, "the data set's display name", NULL },
  { NULL }
};

static PyTypeObject DatasetType = {
  PyVarObject_HEAD_INIT (NULL, 0)
  .tp_name = "tnet._tnet.Dataset",
  .tp_doc = "Dataset(path): a network folder loaded once (tnet_dataset_load())",
  .tp_basicsize = sizeof (DatasetObject),
  .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
  .tp_new = PyType_GenericNew,
  .tp_init = (initproc) dataset_init,
  .tp_dealloc = (destructor) dataset_dealloc,
  .tp_methods = dataset_methods,
  .tp_getset = dataset_getset,
};

static PyObject *
py_version (PyObject *module, PyObject *unused)
{
  return PyUnicode_FromString (tnet_version_string ());
}

static PyMethodDef module_methods[] = {
  { "version", py_version, METH_NOARGS, "version() -> the library's version" },
  { "init", (PyCFunction) (void (*) (void)) py_folder_init, METH_VARARGS | METH_KEYWORDS,
    "init(dir, osm, gtfs, zones, region_column=None, name=None, progress=None) -> counts; "
    "writes a network folder (tnet_folder_init())" },
  { NULL }
};

static struct PyModuleDef tnet_module = {
  PyModuleDef_HEAD_INIT,
  .m_name = "tnet._tnet",
  .m_doc = "The C half of the tnet package (use `import tnet`).",
  .m_size = -1,
  .m_methods = module_methods,
};

PyMODINIT_FUNC PyInit__tnet (void);

PyMODINIT_FUNC
PyInit__tnet (void)
{
  import_array ();
  if (PyType_Ready (&DatasetType) < 0)
    return NULL;
  PyObject *m = PyModule_Create (&tnet_module);
  if (m == NULL)
    return NULL;
  tnet_py_error = PyErr_NewExceptionWithDoc ("tnet.Error",
                                             "An error of the tnet library: the message names "
                                             "FILE:LINE:COLUMN for bad input; .code is the "
                                             "TNET_ERROR code.", NULL, NULL);
  Py_INCREF (&DatasetType);
  if (tnet_py_error == NULL || PyModule_AddObject (m, "Error", tnet_py_error) < 0
      || PyModule_AddObject (m, "Dataset", (PyObject *) &DatasetType) < 0)
    {
      Py_DECREF (m);
      return NULL;
    }
  Py_INCREF (tnet_py_error);
  return m;
}
