;;; diagnostics.el --- read gwlint's diagnostics back through eglot  -*- lexical-binding: t; -*-

;; Run by tests/emacs.rs:
;;   emacs --batch -q -l diagnostics.el CONFIG GWLINT REPORT OUT
;; (-q, not -Q: site files stay on, so Debian's elpa-eglot is found as a user's Emacs finds it.)
;; Loads the user-facing config (editors/emacs/gwlint.el), opens REPORT the way
;; a user would (its hook starts eglot), waits for Flymake to hold eglot's
;; diagnostics and writes one JSON object per diagnostic to OUT.

(require 'json)
(require 'flymake)

(defun gwlint-test--fail (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(let* ((args command-line-args-left)
       (config (nth 0 args))
       (program (nth 1 args))
       (report (nth 2 args))
       (out (nth 3 args))
       (deadline (+ (float-time) 60)))
  (setq command-line-args-left nil)
  (load config nil t)
  (setq gwlint-program program)
  (find-file report)
  ;; eglot-ensure connects on the next command; batch Emacs runs none.
  (run-hooks 'post-command-hook)
  (unless (eglot-current-server)
    (gwlint-test--fail "eglot did not start gwlint for %s" report))
  ;; Flymake asks eglot for diagnostics when it checks; keep asking until the
  ;; server's have arrived.
  (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
    (flymake-start)
    (accept-process-output nil 0.2))
  (let ((diags (flymake-diagnostics)))
    (unless diags
      (gwlint-test--fail "no diagnostics within 60 s; events: %s"
                         (with-current-buffer (jsonrpc-events-buffer (eglot-current-server))
                           (buffer-substring-no-properties (max 1 (- (point-max) 3000)) (point-max)))))
    (let ((lines (mapcar (lambda (d)
                           (let ((beg (flymake-diagnostic-beg d)))
                             (json-encode
                              `((line . ,(line-number-at-pos beg))
                                ;; Characters, not display columns: CJK is two columns wide.
                                (column . ,(1+ (- beg (save-excursion (goto-char beg) (line-beginning-position)))))
                                (type . ,(symbol-name (flymake-diagnostic-type d)))
                                (text . ,(flymake-diagnostic-text d))))))
                         diags)))
      (with-temp-file out
        (insert (mapconcat #'identity lines "\n") "\n"))))
  (eglot-shutdown (eglot-current-server))
  (kill-emacs 0))
;;; diagnostics.el ends here
