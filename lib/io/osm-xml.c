/* osm-xml.c: the check an .osm (XML) file passes before readosm reads it.
 *
 * Implementation notes: readosm keeps the attributes of an element by name
 * and takes their strings without asking whether they were there: a <tag>
 * without k or v, or a <member> without role, makes it read a NULL string.
 * The file is read here first with the same XML parser (expat), so it is
 * split into the same elements, and such an element fails with its line
 * and column. A file expat itself rejects is left to readosm, which
 * reports it as malformed XML.
 */
#include "osm-xml.h"

#include <expat.h>
#include <stdio.h>

typedef struct {
  XML_Parser parser;
  char *what;           /* the first fault, with its location */
} Scan;

static gboolean
has_attribute (const XML_Char **attrs, const char *name)
{
  for (guint i = 0; attrs[i]; i += 2)
    if (strcmp (attrs[i], name) == 0)
      return TRUE;
  return FALSE;
}

static void XMLCALL
on_start (void *data, const XML_Char *name, const XML_Char **attrs)
{
  Scan *s = data;
  static const char *const tag_needs[] = { "k", "v", NULL };
  static const char *const member_needs[] = { "type", "ref", "role", NULL };
  const char *const *needs = strcmp (name, "tag") == 0 ? tag_needs
                             : strcmp (name, "member") == 0 ? member_needs : NULL;
  if (needs == NULL || s->what)
    return;
  for (guint i = 0; needs[i]; i++)
    if (!has_attribute (attrs, needs[i]))
      {
        s->what = g_strdup_printf ("%lu:%lu: <%s> without a %s attribute",
                                   (unsigned long) XML_GetCurrentLineNumber (s->parser),
                                   (unsigned long) XML_GetCurrentColumnNumber (s->parser) + 1,
                                   name, needs[i]);
        XML_StopParser (s->parser, XML_FALSE);
        return;
      }
}

gboolean
tnet_i_osm_xml_check (const char *path, GError **error)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    return TRUE;   /* readosm reports it */
  Scan s = { XML_ParserCreate (NULL), NULL };
  if (s.parser == NULL)
    {
      fclose (f);
      g_set_error (error, TNET_ERROR, TNET_ERROR_FAILED, "%s: out of memory", path);
      return FALSE;
    }
  XML_SetUserData (s.parser, &s);
  XML_SetStartElementHandler (s.parser, on_start);
  char buf[65536];
  for (;;)
    {
      size_t n = fread (buf, 1, sizeof buf, f);
      gboolean last = n < sizeof buf;
      if (XML_Parse (s.parser, buf, (int) n, last) != XML_STATUS_OK || last)
        break;   /* a fault found, malformed XML (readosm's to report), or the end */
    }
  XML_ParserFree (s.parser);
  fclose (f);
  if (s.what == NULL)
    return TRUE;
  g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s:%s", path, s.what);
  g_free (s.what);
  return FALSE;
}
